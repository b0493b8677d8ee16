namespace PaperBot.Host.Evaluation;

/// <summary>What a system returned for one question: paper ids best first, the answer text, the ids it cited, and
/// how much of the question the best paper covers (the figure the abstention threshold is set on).</summary>
public sealed record SystemResponse(
    IReadOnlyList<string> RankedIds,
    bool Abstained,
    string AnswerText,
    IReadOnlyList<string> CitedIds,
    double? TopCoverage = null,
    double? TopMatchedWeight = null)
{
    /// <summary>Cosine of the closest passage (with embeddings), and why the system answered or declined.</summary>
    public double? TopSimilarity { get; init; }

    public double? SimilarityMargin { get; init; }

    public string? AbstentionReason { get; init; }

    /// <summary>The best hit's place in the keyword and dense rankings before fusion (diagnostics).</summary>
    public int? TopKeywordRank { get; init; }

    public int? TopDenseRank { get; init; }

    /// <summary>The answer's sentences with the ids of the papers each cites (empty for ranking-only peers).</summary>
    public IReadOnlyList<(string Text, IReadOnlyList<string> CitedIds)> Sentences { get; init; } = [];

    /// <summary>"[n] id — title" per cited paper.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
}
