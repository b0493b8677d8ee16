using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Llm;

namespace PaperBot.Tests.Llm;

/// <summary>The summary prompts the digest will use: checked citations, and null (not an exception) on failure.</summary>
public sealed class PaperSummarizerTests
{
    [Fact]
    public async Task A_digest_overview_keeps_the_digests_numbering_and_drops_invented_citations()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        server.ReplyAlways(ScriptedReply.Completion("Continual learning dominates today [2][1]. One paper not in the list shines [5]."));
        await using var host = LlmTestHost.ForServer(server);
        var papers = host.Store.GetMany([.. (await host.Services.GetRequiredService<PaperBot.Core.Answering.EvidenceFinder>()
            .FindAsync(LlmAnswerTests.Question)).Papers.Select(h => h.Paper.Id)]);
        var summarizer = host.Services.GetRequiredService<PaperSummarizer>();

        var overview = await summarizer.SummarizeDigestAsync("papers added on Nov 25, 2026", papers);

        Assert.NotNull(overview);
        Assert.Equal([2, 1], overview[0].Citations);
        Assert.Empty(overview[1].Citations);
        var request = Assert.Single(server.Requests);
        Assert.Contains("Period: papers added on Nov 25, 2026", request.User, StringComparison.Ordinal);
        Assert.Contains($"<paper n=\"2\" id=\"{papers[1].Id}\">", request.User, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_paper_summary_comes_back_as_text_and_a_failure_as_null()
    {
        await using var server = await FakeChatCompletionsServer.StartAsync();
        await using var host = LlmTestHost.ForServer(server, ("Llm:MaxRetries", "0"));
        var paper = host.Store.Get((await host.Services.GetRequiredService<PaperBot.Core.Answering.EvidenceFinder>()
            .FindAsync(LlmAnswerTests.Question)).Papers[0].Paper.Id)!;
        var summarizer = host.Services.GetRequiredService<PaperSummarizer>();

        server.ReplyAlways(ScriptedReply.Completion("It tackles forgetting. It proposes augmentation."));
        var summary = await summarizer.SummarizePaperAsync(paper);
        server.ReplyAlways(ScriptedReply.Error(500));
        var failed = await summarizer.SummarizePaperAsync(paper);

        Assert.Equal("It tackles forgetting. It proposes augmentation.", summary);
        Assert.Null(failed);
        Assert.Contains("exactly two plain sentences", server.Requests[0].System, StringComparison.Ordinal);
        Assert.Contains(paper.Title, server.Requests[0].User, StringComparison.Ordinal);
    }
}
