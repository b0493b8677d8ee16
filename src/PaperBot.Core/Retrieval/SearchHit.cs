using PaperBot.Core.Papers;

namespace PaperBot.Core.Retrieval;

/// <summary>A paper found for a query: higher <see cref="Score"/> is better; <see cref="Coverage"/> is the
/// IDF-weighted share of the query's words that the paper contains (0–1).</summary>
public sealed record SearchHit(Paper Paper, double Score, double Coverage, string Snippet)
{
    /// <summary>The summed IDF of the question words the paper contains: how much specific evidence the match rests on.</summary>
    public double MatchedWeight { get; init; }

    /// <summary>Cosine similarity of the paper's stored embedding to the question's; null without an embedding service.</summary>
    public double? EmbeddingSimilarity { get; init; }

    /// <summary>The paper's place (1 = best) in the keyword ranking and in the dense ranking before fusion; null when that
    /// ranking did not reach it. Diagnostics: <c>eval --json</c> shows them for the best hit.</summary>
    public int? KeywordRank { get; init; }

    public int? DenseRank { get; init; }

    /// <summary>How far the paper writes the terms a theme question is typed in (the share of the terms it writes as
    /// phrases, times the share of the question's other words it holds; 0–1, 0 when the question gave none).</summary>
    public double ThemeTermMatch { get; init; }
}
