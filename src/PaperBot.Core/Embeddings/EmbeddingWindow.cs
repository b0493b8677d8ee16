namespace PaperBot.Core.Embeddings;

/// <summary>
/// How much text one embedding may cover, in the model's own tokens. A generator that has a window offers one through
/// <c>GetService(typeof(EmbeddingWindow))</c>; papers are then cut into passages of whole sentences that fit, so
/// nothing is truncated. Generators without one (OpenAI's 8k-token models) embed a paper's text whole.
/// </summary>
public sealed record EmbeddingWindow(int MaxTokens, Func<string, int> CountTokens);
