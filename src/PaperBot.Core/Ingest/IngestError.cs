namespace PaperBot.Core.Ingest;

/// <summary>A file that could not be ingested, and why. Nothing from it was changed.</summary>
public sealed record IngestError(string File, string Message);
