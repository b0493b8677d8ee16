using System.ComponentModel.DataAnnotations;

namespace PaperBot.Core.Llm;

/// <summary>
/// Which language model answers (<c>Llm:*</c>). <c>none</c>, the default, keeps the extractive mode and makes no
/// HTTP call at all; any other provider is called only at the endpoint configured here.
/// </summary>
public sealed class LlmOptions
{
    public const string SectionName = "Llm";

    /// <summary><c>none</c> | <c>openai</c> | <c>azure-openai</c> | <c>openai-compatible</c> (Ollama, vLLM, llama.cpp, LM Studio).</summary>
    [Required(AllowEmptyStrings = false)]
    public string Provider { get; set; } = LlmProviders.None;

    /// <summary>Base URL: required for azure-openai and openai-compatible (e.g. http://localhost:11434/v1); optional for openai.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Model name (e.g. gpt-4o-mini, llama3.1:8b); required except for azure-openai, where Deployment names it.</summary>
    public string? Model { get; set; }

    /// <summary>Azure OpenAI deployment name; azure-openai only.</summary>
    public string? Deployment { get; set; }

    /// <summary>From the environment (Llm__ApiKey) or user secrets, never the repository. Required for openai and azure-openai.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The longest a user waits for the model, retries included, before getting the extractive answer.</summary>
    [Range(0.1, 600)]
    public double TimeoutSeconds { get; set; } = 30;

    /// <summary>Retries after a 429, a 5xx or a network failure.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>First back-off when the server gives no Retry-After; it doubles per retry.</summary>
    [Range(0.0, 60)]
    public double RetryBaseDelaySeconds { get; set; } = 1;

    /// <summary>A server asking to wait longer than this (Retry-After) is waited for only this long.</summary>
    [Range(0.0, 300)]
    public double MaxRetryAfterSeconds { get; set; } = 10;

    /// <summary>After repeated failures the breaker opens for this long and answers go straight to the extractive mode.</summary>
    [Range(1, 3600)]
    public double CircuitBreakSeconds { get; set; } = 30;

    /// <summary>Longest model answer shown, in characters; longer ones are cut at a sentence boundary.</summary>
    [Range(200, 8000)]
    public int MaxAnswerCharacters { get; set; } = 1500;

    /// <summary>
    /// Rounds of corpus function calls (search, find by metadata, get a paper) the model may make for a multi-step
    /// question (a comparison, a follow-up, the papers of someone on something) before it must answer; a model that
    /// wants more gets the extractive answer instead. 0 offers no functions.
    /// </summary>
    [Range(0, 10)]
    public int MaxToolSteps { get; set; } = 3;

    /// <summary>Folder of Semantic Kernel prompt folders; relative paths resolve against the executable's folder.</summary>
    [Required(AllowEmptyStrings = false)]
    public string PromptsDirectory { get; set; } = "prompts";

    public bool Enabled => !string.Equals(Provider, LlmProviders.None, StringComparison.OrdinalIgnoreCase);
}
