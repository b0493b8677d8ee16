using Microsoft.Extensions.Time.Testing;

namespace PaperBot.Tests.Llm;

/// <summary>When the model is slow, failing or talking nonsense, users still get a cited answer, quickly.</summary>
public sealed class LlmResilienceTests
{
    private const string Question = LlmAnswerTests.Question;
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Moves the fake clock on in small steps until <paramref name="condition"/> holds, then stops it: whatever the
    /// app does afterwards happens with no more time passing.
    /// </summary>
    private static Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> condition, string what) =>
        Eventually.TrueAsync(condition, () => what, eachRound: () => time.Advance(Step));

    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    private static void AdvanceWhileHeld(FakeChatCompletionsServer server, FakeTimeProvider time)
    {
        if (server.Holding > 0)
        {
            time.Advance(Step);
        }
    }

    /// <summary>A backstop for a hung answer; the tests' times are all on the fake clock.</summary>
    private static readonly TimeSpan Hung = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_429_with_Retry_After_is_retried_after_the_wait_it_asks_for()
    {
        var time = new FakeTimeProvider(Start);
        await using var server = await FakeChatCompletionsServer.StartAsync(time);
        server.Script((_, n) => n == 1 ? ScriptedReply.Error(429, retryAfter: "1") : ScriptedReply.Completion("Decomposition helps [1]."));
        await using var host = LlmTestHost.ForServer(server, time);

        var answering = host.Answers.AnswerAsync(Question);
        await AdvanceUntilAsync(time, () => server.RequestCount == 2, "the retry");
        var answer = await answering.WaitAsync(Hung);

        Assert.Equal(2, server.RequestCount);
        Assert.Equal("llm", answer.Mode);
        // The base back-off is 20 ms here, so only Retry-After explains a gap of a second or more on the fake clock.
        var gap = server.Requests[1].At - server.Requests[0].At;
        Assert.InRange(gap.TotalSeconds, 1, 10);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_cap_is_waited_only_up_to_the_cap()
    {
        var time = new FakeTimeProvider(Start);
        await using var server = await FakeChatCompletionsServer.StartAsync(time);
        server.Script((_, n) => n == 1 ? ScriptedReply.Error(503, retryAfter: "3600") : ScriptedReply.Completion("Decomposition helps [1]."));
        await using var host = LlmTestHost.ForServer(server, time, ("Llm:MaxRetryAfterSeconds", "0.2"));

        var answering = host.Answers.AnswerAsync(Question);
        await AdvanceUntilAsync(time, () => server.RequestCount == 2, "the retry");
        var answer = await answering.WaitAsync(Hung);

        Assert.Equal("llm", answer.Mode);
        var gap = server.Requests[1].At - server.Requests[0].At;
        Assert.InRange(gap.TotalSeconds, 0.2, 10); // the cap, not the hour asked for
    }

    [Fact]
    public async Task A_model_slower_than_the_timeout_gives_the_extractive_answer_within_the_timeout()
    {
        var time = new FakeTimeProvider(Start);
        await using var server = await FakeChatCompletionsServer.StartAsync(time);
        server.ReplyAlways(ScriptedReply.Completion("Too late [1].") with { Delay = TimeSpan.FromSeconds(30) });
        await using var host = LlmTestHost.ForServer(server, time, ("Llm:TimeoutSeconds", "1"));

        var answering = host.Answers.AnswerAsync(Question);
        // The clock moves only while the model holds the reply (so the timeout cannot run out before the request has
        // arrived) and stops once the client hangs up on it: the answer must come without the model's 30 s.
        await Eventually.TrueAsync(() => server.AbortedCount == 1, () => "the client to give up on the slow reply",
            eachRound: () => AdvanceWhileHeld(server, time));
        var answer = await answering.WaitAsync(Hung);

        Assert.InRange(time.GetUtcNow() - Start, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(29));
        Assert.Equal("extractive", answer.Mode);
        Assert.NotEmpty(answer.Citations);
        Assert.Equal("The language model did not answer in time, so this is the extractive answer.", answer.Note);
    }

    [Fact]
    public async Task A_500_is_retried_then_gives_the_extractive_answer_with_a_note()
    {
        var time = new FakeTimeProvider(Start);
        await using var server = await FakeChatCompletionsServer.StartAsync(time);
        server.ReplyAlways(ScriptedReply.Error(500));
        await using var host = LlmTestHost.ForServer(server, time, ("Llm:MaxRetries", "2"), ("Llm:TimeoutSeconds", "60"));

        var answering = host.Answers.AnswerAsync(Question);
        await AdvanceUntilAsync(time, () => server.RequestCount == 3, "two retries");
        // No more time passes from here: a failing model costs its retries, not the 60 s budget.
        var answer = await answering.WaitAsync(Hung);

        Assert.True(time.GetUtcNow() - Start < TimeSpan.FromSeconds(60));
        Assert.Equal(3, server.RequestCount);
        Assert.Equal("extractive", answer.Mode);
        Assert.NotEmpty(answer.Citations);
        Assert.Equal("The language model failed, so this is the extractive answer.", answer.Note);
    }

    [Fact]
    public async Task Malformed_json_gives_the_extractive_answer_with_a_note()
    {
        var time = new FakeTimeProvider(Start);
        await using var server = await FakeChatCompletionsServer.StartAsync(time);
        server.ReplyAlways(new ScriptedReply { Body = "{\"choices\": [ {\"message\": oops" });
        await using var host = LlmTestHost.ForServer(server, time, ("Llm:TimeoutSeconds", "60"));

        // The fake clock never moves: a malformed reply is not retried or waited on.
        var answer = await host.Answers.AnswerAsync(Question).WaitAsync(Hung);

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
        // The back-off between retries waits on the fake clock, moved on only while an answer is under way.
        var time = new FakeTimeProvider(Start);
        await using var server = await FakeChatCompletionsServer.StartAsync(time);
        server.ReplyAlways(ScriptedReply.Error(500));
        await using var host = LlmTestHost.ForServer(server, time, ("Llm:MaxRetries", "1"));

        await Eventually.WhileAdvancingAsync(host.Answers.AnswerAsync(Question), time, Step, Hung);
        await Eventually.WhileAdvancingAsync(host.Answers.AnswerAsync(Question), time, Step, Hung);
        var callsBeforeOpen = server.RequestCount;
        var answer = await Eventually.WhileAdvancingAsync(host.Answers.AnswerAsync(Question), time, Step, Hung);

        Assert.Equal(4, callsBeforeOpen);
        Assert.Equal(callsBeforeOpen, server.RequestCount);
        Assert.Equal("extractive", answer.Mode);
        Assert.Equal("The language model is unavailable after repeated failures, so this is the extractive answer.", answer.Note);
    }
}
