namespace PaperBot.Host.Digest.Inbox;

/// <summary>What happened to one dropped file: where it ended up, and the ingest figures or the reason it failed.</summary>
public sealed record InboxFileOutcome(string File, bool Ingested, string MovedTo, int Records, int NewPapers, string? Error);
