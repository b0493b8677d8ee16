namespace PaperBot.Core.Retrieval;

/// <summary>
/// What retrieval found for a question, best first. <see cref="Exhaustive"/> means the list is every paper that
/// matches a metadata condition (an author, an organisation, a date range), not a relevance ranking;
/// <see cref="Abstained"/> means the best paper did not cover the question well enough to answer from. For an
/// exhaustive list, <see cref="Hits"/> holds the papers shown and <see cref="MatchingIds"/> every matching paper's id
/// (an author with 80,000 papers in a large corpus is counted, not loaded).
/// </summary>
public sealed record RetrievedPapers(
    string Question,
    IReadOnlyList<SearchHit> Hits,
    int PapersSearched,
    bool Abstained,
    bool Exhaustive = false,
    string? Description = null,
    IReadOnlyList<string>? MatchingIds = null)
{
    /// <summary>Cosine of the passage closest to the question; null without embeddings or for metadata answers.</summary>
    public double? BestSimilarity { get; init; }

    /// <summary>The closest passage's cosine minus the tenth paper's.</summary>
    public double? SimilarityMargin { get; init; }

    /// <summary>The IDF-weighted share of the question's words that no paper uses; null for metadata answers.</summary>
    public double? UnfamiliarShare { get; init; }

    /// <summary>Why the abstention rule answered or declined (for eval output and logs).</summary>
    public string? AbstentionReason { get; init; }

    /// <summary>What the fusion read and made of it (<see cref="FusionTrace"/>), for evaluation; null for answers not ranked by it.</summary>
    public FusionTrace? Fusion { get; init; }
}
