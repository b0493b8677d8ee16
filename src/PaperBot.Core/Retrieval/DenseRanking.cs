namespace PaperBot.Core.Retrieval;

/// <summary>
/// Papers ranked by the embedding similarity of their best passage to the question, best first.
/// <see cref="Complete"/>: every paper had a vector, so a low similarity means the corpus holds nothing close
/// (the abstention rule relies on it only then).
/// </summary>
public sealed record DenseRanking(IReadOnlyList<(long Seq, double Similarity)> Hits, bool Complete)
{
    /// <summary>The mean, over every paper, of its closest passage's similarity to the question, when every paper was
    /// scored (null when only candidates were): how near the question is to the corpus as a whole.</summary>
    public double? MeanSimilarity { get; init; }

    public static DenseRanking None { get; } = new([], false);
}
