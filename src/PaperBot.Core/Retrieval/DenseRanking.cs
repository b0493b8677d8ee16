namespace PaperBot.Core.Retrieval;

/// <summary>
/// Papers ranked by the embedding similarity of their best passage to the question, best first.
/// <see cref="Complete"/>: every paper had a vector, so a low similarity means the corpus holds nothing close
/// (the abstention rule relies on it only then).
/// </summary>
public sealed record DenseRanking(IReadOnlyList<(long Seq, double Similarity)> Hits, bool Complete)
{
    public static DenseRanking None { get; } = new([], false);
}
