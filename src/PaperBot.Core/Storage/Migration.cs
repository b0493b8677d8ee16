namespace PaperBot.Core.Storage;

/// <summary>One numbered schema step.</summary>
public sealed record Migration(int Version, string Description, string Sql);
