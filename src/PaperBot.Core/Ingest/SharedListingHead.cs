namespace PaperBot.Core.Ingest;

/// <summary>
/// A published listing without its text: enough to tell whether this replica already holds it. <see cref="PublishedAt"/>
/// is when the publishing replica ingested it, and becomes the first-seen time of its new papers on every replica, so
/// "new since" (digests) means the same whichever replica composes it.
/// </summary>
public sealed record SharedListingHead(long Seq, string Name, string Sha256, DateTimeOffset PublishedAt);
