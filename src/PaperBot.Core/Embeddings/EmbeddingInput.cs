namespace PaperBot.Core.Embeddings;

/// <summary>
/// Marks what a text is, through <c>EmbeddingGenerationOptions.AdditionalProperties[EmbeddingInput.Kind]</c>: some
/// models embed a question differently from a passage (snowflake-arctic-embed prefixes questions).
/// </summary>
public static class EmbeddingInput
{
    public const string Kind = "input_type";
    public const string Query = "query";
    public const string Passage = "passage";
}
