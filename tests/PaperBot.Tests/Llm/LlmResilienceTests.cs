using System.Diagnostics;

namespace PaperBot.Tests.Llm;

/// <summary>When the model is slow, failing or talking nonsense, users still get a cited answer, quickly.</summary>
public sealed class LlmResilienceTests
{
    private const string Question = LlmAnswerTests.Question;

    [Fact]
    public async Task A_429_with_Retry_After_is_retried_after_the_wait_it_asks_for()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.Script((_, n) => n == 1 ? ScriptedReply.Error(429, retryAfter: "1") : ScriptedReply.Completion("Decomposition helps [1]."));
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Answers.AnswerAsync(Question);

        Assert.Equal(2, server.RequestCount);
        Assert.Equal("llm", answer.Mode);
        // The base back-off is 20 ms here, so only Retry-After explains a gap of about a second between the attempts.
        var gap = server.Requests[1].At - server.Requests[0].At;
        Assert.InRange(gap.TotalSeconds, 0.9, 3);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_cap_is_waited_only_up_to_the_cap()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.Script((_, n) => n == 1 ? ScriptedReply.Error(503, retryAfter: "3600") : ScriptedReply.Completion("Decomposition helps [1]."));
        await using var host = LlmTestHost.ForServer(server, ("Llm:MaxRetryAfterSeconds", "0.2"));

        var answer = await host.Answers.AnswerAsync(Question);

        Assert.Equal(2, server.RequestCount);
        Assert.Equal("llm", answer.Mode);
        var gap = server.Requests[1].At - server.Requests[0].At;
        Assert.InRange(gap.TotalSeconds, 0.15, 2);
    }

    [Fact]
    public async Task A_model_slower_than_the_timeout_gives_the_extractive_answer_within_the_timeout()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("Too late [1].") with { Delay = TimeSpan.FromSeconds(30) });
        await using var host = LlmTestHost.ForServer(server, ("Llm:TimeoutSeconds", "1"));

        var clock = Stopwatch.StartNew();
        var answer = await host.Answers.AnswerAsync(Question);

        // Far below the server's 30 s delay; the margin over 1 s is for CI machines under load.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal("extractive", answer.Mode);
        Assert.NotEmpty(answer.Citations);
        Assert.Equal("The language model did not answer in time, so this is the extractive answer.", answer.Note);
    }

    [Fact]
    public async Task A_500_is_retried_then_gives_the_extractive_answer_with_a_note()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Error(500));
        await using var host = LlmTestHost.ForServer(server, ("Llm:MaxRetries", "2"), ("Llm:TimeoutSeconds", "60"));

        var clock = Stopwatch.StartNew();
        var answer = await host.Answers.AnswerAsync(Question);

        // Well before the 60 s timeout: a failing model costs its retries, not the whole budget.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        Assert.Equal(3, server.RequestCount);
        Assert.Equal("extractive", answer.Mode);
        Assert.NotEmpty(answer.Citations);
        Assert.Equal("The language model failed, so this is the extractive answer.", answer.Note);
    }

    [Fact]
    public async Task Malformed_json_gives_the_extractive_answer_with_a_note()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(new ScriptedReply { Body = "{\"choices\": [ {\"message\": oops" });
        await using var host = LlmTestHost.ForServer(server, ("Llm:TimeoutSeconds", "60"));

        var clock = Stopwatch.StartNew();
        var answer = await host.Answers.AnswerAsync(Question);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        Assert.Equal("extractive", answer.Mode);
        Assert.NotEmpty(answer.Citations);
        Assert.StartsWith("The language model", answer.Note, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", answer.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Garbage_text_with_no_citation_gives_the_extractive_answer()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("asdf qwer zxcv lorem ipsum"));
        await using var host = LlmTestHost.ForServer(server);

        var answer = await host.Answers.AnswerAsync(Question);

        Assert.Equal("extractive", answer.Mode);
        Assert.Contains("cited none of the papers", answer.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_repeated_failures_the_circuit_opens_and_answers_stop_calling_the_model()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Error(500));
        await using var host = LlmTestHost.ForServer(server, ("Llm:MaxRetries", "1"));

        await host.Answers.AnswerAsync(Question);
        await host.Answers.AnswerAsync(Question);
        var callsBeforeOpen = server.RequestCount;
        var answer = await host.Answers.AnswerAsync(Question);

        Assert.Equal(4, callsBeforeOpen);
        Assert.Equal(callsBeforeOpen, server.RequestCount);
        Assert.Equal("extractive", answer.Mode);
        Assert.Equal("The language model is unavailable after repeated failures, so this is the extractive answer.", answer.Note);
    }
}
