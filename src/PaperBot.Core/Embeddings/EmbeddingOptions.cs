using System.ComponentModel.DataAnnotations;

namespace PaperBot.Core.Embeddings;

/// <summary>The deployer's embedding service (<c>Embeddings:*</c>). Provider None, the default, means no calls at all.</summary>
public sealed class EmbeddingOptions : IValidatableObject
{
    public const string SectionName = "Embeddings";

    public EmbeddingProvider Provider { get; set; } = EmbeddingProvider.None;

    /// <summary>Base URL: https://api.openai.com/v1 (the default for OpenAI), http://localhost:11434/v1 for Ollama,
    /// or the Azure resource endpoint https://NAME.openai.azure.com.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Model name (OpenAI-compatible) or deployment name (Azure), e.g. text-embedding-3-small.</summary>
    public string? Model { get; set; }

    /// <summary>From the environment (Embeddings__ApiKey) or user secrets, never from the repository. Optional for local servers.</summary>
    public string? ApiKey { get; set; }

    public string AzureApiVersion { get; set; } = "2024-10-21";

    /// <summary>Texts per request when embedding the corpus.</summary>
    [Range(1, 2048)]
    public int BatchSize { get; set; } = 64;

    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>First retry delay (doubling after); Retry-After from the service overrides it. 0 in tests.</summary>
    [Range(0.0, 60.0)]
    public double RetryDelaySeconds { get; set; } = 2;

    /// <summary>After the service fails, questions skip it for this long rather than each waiting on it again.</summary>
    [Range(0, 3600)]
    public int FailureCooldownSeconds { get; set; } = 120;

    public bool Enabled => Provider != EmbeddingProvider.None;

    public Uri BaseUri => new((Endpoint ?? "https://api.openai.com/v1").TrimEnd('/') + "/");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }
        if (string.IsNullOrWhiteSpace(Model))
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
