using PaperBot.Host.Cli;

namespace PaperBot.Tests.Llm;

/// <summary>paperbot chat: one message per line, streamed answers in LLM mode, ends on "exit" or end of input.</summary>
public sealed class ChatVerbTests
{
    [Fact]
    public async Task A_terminal_conversation_streams_answers_and_resolves_follow_ups_until_exit()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyByPrompt(
            answer: ScriptedReply.Completion("Both fight forgetting in relation extraction [1][2]. An invented one [8]."),
            rewrite: ScriptedReply.Completion("Who wrote the second paper?"));
        await using var host = LlmTestHost.ForServer(server);
        var output = new StringWriter();

        await ChatVerb.RunAsync(host.Services,
            new StringReader(LlmAnswerTests.Question + "\nwho wrote the second one?\nexit\nthis line is never read\n"), output, "terminal:t", CancellationToken.None);

        var text = output.ToString();
        Assert.Contains("Both fight forgetting in relation extraction. [1][2]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[8]", text, StringComparison.Ordinal);
        Assert.Contains("Sources:", text, StringComparison.Ordinal);
        Assert.Contains(" is by ", text, StringComparison.Ordinal);
        Assert.All(server.Requests, r => Assert.True(r.Streamed));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task End_of_input_ends_the_chat()
    {
        await using var host = LlmTestHost.Create(new Dictionary<string, string?>());
        var output = new StringWriter();

        await ChatVerb.RunAsync(host.Services, new StringReader("help\n"), output, "terminal:eof", CancellationToken.None);

        Assert.Contains("search WORDS", output.ToString(), StringComparison.Ordinal);
    }
}
