using Microsoft.Extensions.Options;

namespace PaperBot.Tests.Llm;

/// <summary>Provider settings are checked at start-up, with messages that say what to fix.</summary>
public sealed class LlmOptionsTests
{
    [Theory]
    [InlineData("openai-compatible", null, "m", null, "Llm:Endpoint is required")]
    [InlineData("openai-compatible", "http://localhost:11434/v1", null, null, "Llm:Model is required")]
    [InlineData("openai", null, "gpt-4o-mini", null, "Llm:ApiKey is required")]
    [InlineData("azure-openai", "https://x.openai.azure.com/", null, "key", "Llm:Deployment is required")]
    [InlineData("ollama", null, null, null, "use one of: none, openai, azure-openai, openai-compatible")]
    [InlineData("openai-compatible", "localhost:11434", "m", null, "not an absolute http(s) URL")]
    public void Incomplete_provider_settings_fail_at_start_up(string provider, string? endpoint, string? model, string? key, string expected)
    {
        var error = Assert.Throws<OptionsValidationException>(() => LlmTestHost.Create(new Dictionary<string, string?>
        {
            ["Llm:Provider"] = provider,
            ["Llm:Endpoint"] = endpoint,
            ["Llm:Model"] = model,
            ["Llm:ApiKey"] = key,
        }));

        Assert.Contains(expected, string.Join("; ", error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void A_prompts_directory_without_the_prompts_fails_at_start_up()
    {
        var empty = Directory.CreateTempSubdirectory("paperbot-no-prompts-").FullName;

        var error = Assert.Throws<OptionsValidationException>(() => LlmTestHost.Create(new Dictionary<string, string?>
        {
            ["Llm:Provider"] = "openai-compatible",
            ["Llm:Endpoint"] = "http://127.0.0.1:9/v1",
            ["Llm:Model"] = "m",
            ["Llm:PromptsDirectory"] = empty,
        }));

        Assert.Contains("lacks the prompt folders answer, rewrite_followup", string.Join("; ", error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void A_timeout_outside_its_range_fails_at_start_up()
    {
        var error = Assert.Throws<OptionsValidationException>(() => LlmTestHost.Create(new Dictionary<string, string?>
        {
            ["Llm:TimeoutSeconds"] = "0",
        }));

        Assert.Contains("TimeoutSeconds", string.Join("; ", error.Failures), StringComparison.Ordinal);
    }
}
