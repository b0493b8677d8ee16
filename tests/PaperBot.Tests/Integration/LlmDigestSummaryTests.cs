using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Digest;
using PaperBot.Core.Llm;
using PaperBot.Tests.Digest;
using PaperBot.Tests.Llm;

namespace PaperBot.Tests.Integration;

/// <summary>With an LLM provider configured, digest summaries come from the summarize_paper prompt; a failing model falls back.</summary>
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
        var subscription = h.Subscribe(new DigestTarget(DigestTargetKind.DiscordChannel, "400000000000000555"));
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
    public void Without_a_provider_the_extractive_summarizer_stays()
    {
        using var h = new DigestHarness();

        Assert.IsType<ExtractiveSummarizer>(h.Provider.GetRequiredService<IPaperSummarizer>());
    }
}
