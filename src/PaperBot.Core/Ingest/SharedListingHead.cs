namespace PaperBot.Core.Ingest;

/// <summary>A published listing without its text: enough to tell whether this replica already holds it.</summary>
public sealed record SharedListingHead(long Seq, string Name, string Sha256);
