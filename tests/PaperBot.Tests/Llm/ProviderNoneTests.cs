using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Answering;
using PaperBot.Host.Cli;

namespace PaperBot.Tests.Llm;

/// <summary>Llm:Provider=none (the default) never calls anything, even with an endpoint configured.</summary>
public sealed class ProviderNoneTests
{
    [Fact]
    public async Task Provider_none_makes_no_http_call_for_questions_follow_ups_or_chat()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        await using var host = LlmTestHost.Create(new Dictionary<string, string?>
        {
            ["Llm:Provider"] = "none",
            ["Llm:Endpoint"] = server.BaseUrl,
            ["Llm:Model"] = "test-model",
            ["Llm:ApiKey"] = "sk-should-never-leave",
        });

        var single = await host.Answers.AnswerAsync(LlmAnswerTests.Question);
        await host.Conversations.AnswerAsync(LlmAnswerTests.Question, "none:1");
        var followUp = await host.Conversations.AnswerAsync("and the second one?", "none:1");
        var output = new StringWriter();
        await ChatVerb.RunAsync(host.Services, new StringReader("which papers tackle continual relation extraction?\nwho wrote it?\nexit\n"), output, "none:2", CancellationToken.None);

        Assert.Equal(0, server.RequestCount);
        Assert.IsType<ExtractiveAnswerService>(host.Answers);
        Assert.Equal("extractive", single.Mode);
        Assert.Single(followUp.Citations);
        Assert.Contains("Sources:", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_llm_configuration_at_all_means_extractive_mode()
    {
        await using var host = LlmTestHost.Create(new Dictionary<string, string?>());

        var answer = await host.Answers.AnswerAsync(LlmAnswerTests.Question);

        Assert.IsType<ExtractiveAnswerService>(host.Answers);
        Assert.Equal("extractive", answer.Mode);
        Assert.Null(host.Services.GetService<Microsoft.SemanticKernel.Kernel>());
    }
}
