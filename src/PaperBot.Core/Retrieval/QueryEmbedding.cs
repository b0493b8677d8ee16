namespace PaperBot.Core.Retrieval;

/// <summary>A question embedded by the deployer's embedding service, compared with the papers embedded by the same model.</summary>
public sealed record QueryEmbedding(string Model, float[] Vector);
