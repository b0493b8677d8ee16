namespace PaperBot.Tests.Llm;

/// <summary>Each named provider talks to the configured endpoint in its own dialect, and only there.</summary>
public sealed class ProviderTests
{
    [Fact]
    public async Task OpenAI_sends_the_key_as_a_bearer_token_to_the_configured_endpoint()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("Decomposition helps [1]."));
        await using var host = LlmTestHost.Create(new Dictionary<string, string?>
        {
            ["Llm:Provider"] = "openai",
            ["Llm:Endpoint"] = server.BaseUrl,
            ["Llm:Model"] = "gpt-test",
            ["Llm:ApiKey"] = "sk-test-key",
        });

        var answer = await host.Answers.AnswerAsync(LlmAnswerTests.Question);

        var request = Assert.Single(server.Requests);
        Assert.Equal("Bearer sk-test-key", request.Authorization);
        Assert.Equal("gpt-test", request.Json.GetProperty("model").GetString());
        Assert.Equal("llm", answer.Mode);
        Assert.Equal("gpt-test", answer.Usage?.Model);
    }

    [Fact]
    public async Task Azure_OpenAI_calls_the_deployment_with_an_api_key_header()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("Decomposition helps [1]."));
        await using var host = LlmTestHost.Create(new Dictionary<string, string?>
        {
            ["Llm:Provider"] = "azure-openai",
            ["Llm:Endpoint"] = server.RootUrl + "/",
            ["Llm:Deployment"] = "paperbot-gpt",
            ["Llm:ApiKey"] = "azure-test-key",
        });

        var answer = await host.Answers.AnswerAsync(LlmAnswerTests.Question);

        var request = Assert.Single(server.Requests);
        Assert.Contains("/openai/deployments/paperbot-gpt/chat/completions", request.Path, StringComparison.Ordinal);
        Assert.Equal("azure-test-key", request.ApiKeyHeader);
        Assert.Equal("llm", answer.Mode);
    }
}
