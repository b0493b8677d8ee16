namespace PaperBot.Core.Retrieval;

/// <summary>A question embedded by the deployer's embedding service, compared with the papers embedded by the same model.</summary>
public sealed record QueryEmbedding(string Model, float[] Vector)
{
    /// <summary>The question embedded as written, when <see cref="Vector"/> reads its lay words in the field's words
    /// (<see cref="RetrievalOptions.EmbedLayTermsInPlace"/>): the papers are ranked by <see cref="Vector"/>, but how
    /// close the corpus comes to the question is judged by this one, since the field's words ("language model") are
    /// close to every paper.</summary>
    public float[]? AsWritten { get; init; }
}
