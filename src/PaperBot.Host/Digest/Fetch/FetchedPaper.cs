namespace PaperBot.Host.Digest.Fetch;

/// <summary>A paper as a fetcher found it, before it becomes a listing record.</summary>
public sealed record FetchedPaper(string Title, string Abstract, int Authors, DateTimeOffset? Published, int? Upvotes, string? Link);
