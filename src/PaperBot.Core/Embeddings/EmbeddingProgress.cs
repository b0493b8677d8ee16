namespace PaperBot.Core.Embeddings;

/// <summary>How far an embedding run has got: papers embedded so far in this run, of those that were missing at its start.</summary>
public sealed record EmbeddingProgress(int Done, int Total, string Model);
