namespace PaperBot.Core.Storage.Postgres;

/// <summary>One numbered step of the PostgreSQL schema.</summary>
public sealed record PostgresMigration(int Version, string Description, string Sql);
