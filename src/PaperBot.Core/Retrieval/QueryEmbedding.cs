namespace PaperBot.Core.Retrieval;

/// <summary>A question embedded by the deployer's embedding service, compared with the papers embedded by the same model.</summary>
public sealed record QueryEmbedding(string Model, float[] Vector)
{
    /// <summary>The question's content words, each embedded alone by the same model (term expansion; empty when off).</summary>
    public IReadOnlyDictionary<string, float[]> Words { get; init; } = new Dictionary<string, float[]>();

    /// <summary>The corpus's term vectors the words are compared with (term expansion; null when off).</summary>
    public TermNeighbours? Terms { get; init; }
}
