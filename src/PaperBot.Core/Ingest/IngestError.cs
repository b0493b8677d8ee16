namespace PaperBot.Core.Ingest;

/// <summary>
/// A file that could not be ingested, and why: nothing from it was changed. With a line, one record of the file that
/// was refused: nothing from that record was stored, and the file's other records were.
/// </summary>
public sealed record IngestError(string File, string Message, int? Line = null);
