using Microsoft.Extensions.Options;

namespace PaperBot.Core.Llm;

/// <summary>The rules between settings that attributes cannot express: what each provider needs.</summary>
public sealed class LlmOptionsValidator : IValidateOptions<LlmOptions>
{
    public ValidateOptionsResult Validate(string? name, LlmOptions options)
    {
        var provider = (options.Provider ?? "").Trim().ToLowerInvariant();
        if (!LlmProviders.All.Contains(provider))
        {
            return ValidateOptionsResult.Fail(
                $"Llm:Provider is \"{options.Provider}\"; use one of: {string.Join(", ", LlmProviders.All)}.");
        }
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.Endpoint) &&
            (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"Llm:Endpoint \"{options.Endpoint}\" is not an absolute http(s) URL.");
        }
        switch (provider)
        {
            case LlmProviders.OpenAI:
                Require(failures, options.Model, "Llm:Model", provider);
                Require(failures, options.ApiKey, "Llm:ApiKey", provider);
                break;
            case LlmProviders.AzureOpenAI:
                Require(failures, options.Endpoint, "Llm:Endpoint", provider);
                Require(failures, options.Deployment, "Llm:Deployment", provider);
                Require(failures, options.ApiKey, "Llm:ApiKey", provider);
                break;
            case LlmProviders.OpenAICompatible:
                Require(failures, options.Endpoint, "Llm:Endpoint", provider);
                Require(failures, options.Model, "Llm:Model", provider);
                break;
        }
        if (provider != LlmProviders.None && !string.IsNullOrWhiteSpace(options.PromptsDirectory))
        {
            var directory = PromptLibrary.Resolve(options.PromptsDirectory);
            var missing = PromptLibrary.MissingPrompts(directory);
            if (missing.Count > 0)
            {
                failures.Add($"Llm:PromptsDirectory {directory} lacks the prompt folders {string.Join(", ", missing)}.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Require(List<string> failures, string? value, string key, string provider)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{key} is required when Llm:Provider is {provider}.");
        }
    }
}
