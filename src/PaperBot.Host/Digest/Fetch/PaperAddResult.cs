using PaperBot.Core.Ingest;

namespace PaperBot.Host.Digest.Fetch;

/// <summary>What <c>paperbot add</c> did: the paper as fetched (null when the source has no such paper), the listing file, the ingest report, and the id of the paper it became or merged into.</summary>
public sealed record PaperAddResult(string ArxivId, FetchedPaper? Paper, string? File, IngestReport? Report, string? PaperId);
