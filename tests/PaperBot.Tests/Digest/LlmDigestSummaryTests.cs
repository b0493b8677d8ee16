using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Digest;
using PaperBot.Core.Llm;
using PaperBot.Tests.Digest;
using PaperBot.Tests.Llm;
using PaperBot.Host.Digest.Discord;

namespace PaperBot.Tests.Integration;

/// <summary>With an LLM provider configured, digest summaries come from the summarize_paper prompt and the overview from summarize_digest; a failing model falls back.</summary>
public sealed class LlmDigestSummaryTests : IAsyncLifetime
{
    private FakeChatCompletionsServer model = null!;

    public async Task InitializeAsync() => model = await FakeChatCompletionsServer.StartAsync();

    public async Task DisposeAsync() => await model.DisposeAsync();

    private DigestHarness Harness() => new(new Dictionary<string, string?>
    {
        ["Llm:Provider"] = "openai-compatible",
        ["Llm:Endpoint"] = model.BaseUrl,
        ["Llm:Model"] = "test-model",
        ["Llm:MaxRetries"] = "0",
    });

    private static async Task<DigestItem> PreviewOneAsync(DigestHarness h, TestPaper paper)
    {
        var subscription = h.Subscribe(new DigestTarget(DiscordChannelTarget.KindName, "400000000000000555"));
        h.AddPapers(paper);
        return Assert.Single((await h.Dispatcher.PreviewAsync(subscription, CancellationToken.None)).Items);
    }

    [Fact]
    public async Task The_models_two_sentences_become_the_papers_summary()
    {
        model.ReplyAlways(ScriptedReply.Completion("It tackles labelling cost. It proposes a verifier."));
        using var h = Harness();
        var paper = TestPaper.About("agents");

        var item = await PreviewOneAsync(h, paper);

        Assert.IsType<LlmDigestPaperSummarizer>(h.Provider.GetRequiredService<IPaperSummarizer>());
        Assert.Equal("It tackles labelling cost. It proposes a verifier.", item.Summary);
        var request = Assert.Single(model.Requests);
        Assert.Contains("exactly two plain sentences", request.System, StringComparison.Ordinal); // prompts/summarize_paper
        Assert.Contains(paper.Title, request.User, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_answering_500_leaves_the_extractive_summary_and_the_digest_goes_on()
    {
        model.ReplyAlways(ScriptedReply.Error(500));
        using var h = Harness();
        var paper = TestPaper.About("retrieval");

        var item = await PreviewOneAsync(h, paper);

        Assert.NotEmpty(model.Requests); // the model was asked
        Assert.Equal(ExtractiveSummarizer.Summarize(paper.Abstract), item.Summary);
        Assert.Contains("We propose a method for retrieval", item.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_provider_the_extractive_summarizer_stays_and_there_is_no_overview_writer()
    {
        using var h = new DigestHarness();

        Assert.IsType<ExtractiveSummarizer>(h.Provider.GetRequiredService<IPaperSummarizer>());
        Assert.Empty(h.Provider.GetServices<IDigestOverviewWriter>());
    }

    private static bool IsOverviewRequest(RecordedRequest request) => request.System.Contains("opening paragraph of a daily digest", StringComparison.Ordinal);

    private static async Task<DigestContent> PreviewAsync(DigestHarness h, params TestPaper[] papers)
    {
        var subscription = h.Subscribe(new DigestTarget(DiscordChannelTarget.KindName, "400000000000000556"));
        h.AddPapers(papers);
        return await h.Dispatcher.PreviewAsync(subscription, CancellationToken.None);
    }

    [Fact]
    public async Task The_summarize_digest_prompt_opens_the_digest_citing_papers_by_their_number_in_both_channels()
    {
        model.Script((request, _) => IsOverviewRequest(request)
            ? ScriptedReply.Completion("Two papers look at cheaper training [1]. One studies agents [2]. A third claim cites nothing real [7].")
            : ScriptedReply.Completion("It does one thing. It does it well."));
        using var h = Harness();

        var content = await PreviewAsync(h, TestPaper.About("agents", upvotes: 3), TestPaper.About("retrieval", upvotes: 9));

        var overviewRequest = Assert.Single(model.Requests, IsOverviewRequest);
        Assert.Contains(content.Items[0].Title, overviewRequest.User, StringComparison.Ordinal);
        Assert.Contains(content.Items[1].Title, overviewRequest.User, StringComparison.Ordinal);
        Assert.StartsWith("Two papers look at cheaper training. [1] One studies agents. [2]", content.Overview, StringComparison.Ordinal);
        Assert.DoesNotContain("[7]", content.Overview, StringComparison.Ordinal); // an invented citation is dropped, as in answers

        var discord = PaperBot.Host.Digest.Discord.DiscordDigestFormatter.Render(content);
        Assert.Contains("cheaper training. \\[1\\]", discord[0].Content, StringComparison.Ordinal); // escaped: shows as [1]
        Assert.StartsWith("1. ", discord[0].Embeds![0].Title, StringComparison.Ordinal); // [1] points at the embed numbered 1
        var teams = PaperBot.Host.Digest.Teams.TeamsDigestFormatter.Render(content);
        Assert.Contains("cheaper training. \\[1\\]", teams[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_or_markdown_laden_overview_is_escaped_and_clipped_before_the_heading_and_footer_are()
    {
        var items = new[] { new DigestItem("abc123", "One", "S.", null, 3, null, []), new DigestItem("def456", "Two", "S.", null, 1, null, []) };
        var overview = "# Big heading ||spoiler|| [link](https://example.org) " + string.Concat(Enumerable.Repeat("more words here [1]. ", 150));
        var content = new DigestContent("2 new papers", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 2, items, "Ask about any of them by its id.") { Overview = overview };

        var first = PaperBot.Host.Digest.Discord.DiscordDigestFormatter.Render(content)[0].Content!;

        Assert.True(first.Length <= 2000, $"{first.Length} characters");
        Assert.StartsWith("**PaperBot digest: 2 new papers**", first, StringComparison.Ordinal);
        Assert.EndsWith("Ask about any of them by its id.", first, StringComparison.Ordinal);
        Assert.Contains("\\# Big heading \\|\\|spoiler\\|\\| \\[link\\]", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_overview_leaves_a_digest_without_one_and_a_single_paper_gets_none()
    {
        model.Script((request, _) => IsOverviewRequest(request) ? ScriptedReply.Error(500) : ScriptedReply.Completion("It does one thing. It does it well."));
        using var h = Harness();

        var two = await PreviewAsync(h, TestPaper.About("agents"), TestPaper.About("retrieval"));
        Assert.Null(two.Overview);
        Assert.Equal(2, two.Items.Count);

        using var single = Harness();
        var before = model.Requests.Count(IsOverviewRequest);
        var one = await PreviewAsync(single, TestPaper.About("decoding"));
        Assert.Null(one.Overview);
        Assert.Equal(before, model.Requests.Count(IsOverviewRequest));
    }
}
