using System.Text.Json;
using PaperBot.Host.Cli;

namespace PaperBot.Tests.Llm;

/// <summary>ask --json reports tokens and latency next to the fields it always had.</summary>
public sealed class AskJsonTests
{
    [Fact]
    public async Task Ask_json_carries_usage_figures_and_keeps_the_existing_fields()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("Decomposition helps [1].", promptTokens: 500, completionTokens: 20));
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Conversations.AnswerAsync(LlmAnswerTests.Question, "cli:1");
        var json = JsonDocument.Parse(CliJson.Serialize(CliOutput.From(answer, "cli:1"))).RootElement;

        foreach (var field in new[] { "question", "answer", "abstained", "mode", "basis", "note", "citations", "papers_searched" })
        {
            Assert.True(json.TryGetProperty(field, out _), field);
        }
        Assert.Equal("llm", json.GetProperty("mode").GetString());
        Assert.Equal("cli:1", json.GetProperty("conversation_id").GetString());
        var usage = json.GetProperty("usage");
        Assert.Equal("test-model", usage.GetProperty("model").GetString());
        Assert.Equal(500, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(20, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(520, usage.GetProperty("total_tokens").GetInt32());
        Assert.True(usage.GetProperty("latency_ms").GetInt64() >= 0);
    }
}
