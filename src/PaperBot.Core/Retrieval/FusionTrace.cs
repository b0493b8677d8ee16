namespace PaperBot.Core.Retrieval;

/// <summary>
/// What <see cref="PaperSearcher"/> fused for one question, for evaluation (<c>paperbot eval --json</c> reports where
/// each gold paper stands in every ranking, <c>--trace</c> the scores themselves, so fusion ideas can be replayed
/// offline): each ranking before fusion, best first with its own scores (keyword: BM25, higher is better; corpus:
/// cosine of the corpus vectors; dense: cosine of the best passage), the fused order with its scores, and the signals
/// that set the weights. Built from what the search computed anyway, plus one sort of the fused scores.
/// </summary>
public sealed record FusionTrace(
    IReadOnlyDictionary<string, IReadOnlyList<(long Seq, double Score)>> Rankings,
    double LexicalCoverage,
    double BridgedShare,
    bool Topic,
    long? DecisiveKeyword)
{
    public const string Keyword = "keyword";
    public const string Corpus = "corpus";
    public const string Dense = "dense";
    public const string Fused = "fused";

    /// <summary>The question's unit embedding the dense ranking used (null without one), so a dense-side idea (feedback
    /// from the top passages, another scoring of passages) can be replayed offline from the stored passage vectors.</summary>
    public IReadOnlyList<float>? QueryVector { get; init; }

    /// <summary>The mean over every paper of its closest passage's cosine (<see cref="SearchResult.MeanSimilarity"/>).</summary>
    public double? MeanSimilarity { get; init; }
}
