namespace PaperBot.Core.Retrieval;

/// <summary>
/// A trained latent space: the stems it knows (<see cref="Columns"/>) with their idf, the basis projecting tf-idf
/// vectors onto <see cref="Rank"/> dimensions, and the unit vectors of the papers it was trained for (by seq, in the
/// order of <see cref="Seqs"/>; empty past the exhaustive limit).
/// </summary>
internal sealed record CorpusVectorModel(long Version, Dictionary<string, int> Columns, double[] Idf, float[,] Basis, int Rank,
    long[] Seqs, float[] Vectors);
