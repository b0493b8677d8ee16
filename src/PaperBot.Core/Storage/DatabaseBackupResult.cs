namespace PaperBot.Core.Storage;

/// <summary>A checked backup: where it is, its schema version, how many papers it holds and its size.</summary>
public sealed record DatabaseBackupResult(string File, int SchemaVersion, long Papers, long Bytes);
