namespace PaperBot.Core.Retrieval;

/// <summary>The outcome of a search: hits best first, or a message saying why nothing could be searched.</summary>
public sealed record SearchResult(string Query, IReadOnlyList<SearchHit> Hits, IReadOnlyList<string> Terms, int PapersSearched, string? Message = null);
