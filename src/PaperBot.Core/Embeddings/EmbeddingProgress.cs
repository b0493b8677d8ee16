namespace PaperBot.Core.Embeddings;

/// <summary>
/// How far an embedding run has got: papers given vectors so far in this run, of those that were missing at its start;
/// <paramref name="Copied"/> of them got the vectors another replica stored instead of being embedded here.
/// </summary>
public sealed record EmbeddingProgress(int Done, int Total, string Model, int Copied = 0);
