using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Digest;
using PaperBot.Core.Papers;

namespace PaperBot.Tests.Digest;

/// <summary>Keyword, upvote and size filters; ranking by keyword matches, then upvotes, then recency; summaries.</summary>
public sealed class FilterAndRankingTests
{
    private static Paper P(string id, string title, int? upvotes = null, string text = "An abstract about nothing in particular.", int day = 20) => new()
    {
        Id = id,
        Title = title,
        Abstract = text,
        Upvotes = upvotes,
        Date = new PaperDate(2026, 11, day),
        FirstSeen = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void Keywords_match_whole_words_in_any_case_and_papers_matching_none_are_left_out()
    {
        var papers = new[] { P("a", "Offline RL for robots"), P("b", "A world model"), P("c", "Agents that plan", text: "We study LLM agents.") };

        var ranked = DigestComposer.Rank(papers, new DigestFilters(["rl", "llm"], 0, 10));

        Assert.Equal(["a", "c"], ranked.Select(r => r.Paper.Id).Order());
        Assert.Equal(["rl"], ranked.Single(r => r.Paper.Id == "a").Matched);
    }

    [Fact]
    public void Minimum_upvotes_leaves_out_papers_below_it_and_papers_with_no_count()
    {
        var papers = new[] { P("a", "One", 5), P("b", "Two", 4), P("c", "Three", null) };

        Assert.Equal(["a"], DigestComposer.Rank(papers, new DigestFilters([], 5, 10)).Select(r => r.Paper.Id));
        Assert.Equal(3, DigestComposer.Rank(papers, new DigestFilters([], 0, 10)).Count);
    }

    [Fact]
    public void Keyword_matches_outrank_upvotes_which_outrank_recency()
    {
        var papers = new[]
        {
            P("new", "Fresh but unloved", 0, day: 24),
            P("popular", "Much liked", 500, day: 1),
            P("match", "Diffusion for text", 0, day: 2),
        };

        var ranked = DigestComposer.Rank(papers, new DigestFilters(["diffusion", "text"], 0, 10)).Select(r => r.Paper.Id).ToList();
        Assert.Equal(["match"], ranked);

        var unfiltered = DigestComposer.Rank(papers, new DigestFilters([], 0, 10)).Select(r => r.Paper.Id).ToList();
        Assert.Equal(["popular", "new", "match"], unfiltered);
    }

    [Fact]
    public async Task Max_items_caps_the_list_and_the_heading_says_how_many_there_were()
    {
        using var h = new DigestHarness();
        h.AddPapers(Enumerable.Range(0, 7).Select(i => TestPaper.About("federated learning", i)).ToArray());
        var composer = h.Provider.GetRequiredService<DigestComposer>();

        var content = await composer.ComposeAsync(new DigestFilters([], 0, 3), DigestHarness.Start.AddDays(-1), DigestHarness.Start, CancellationToken.None);

        Assert.Equal(3, content.Items.Count);
        Assert.Equal(7, content.NewPapers);
        Assert.Equal("7 new papers (the top 3 below)", content.Heading);
        Assert.Equal([6, 5, 4], content.Items.Select(i => i.Upvotes ?? -1));
    }

    [Fact]
    public void The_extractive_summary_is_the_opening_sentence_and_the_one_saying_what_the_paper_does()
    {
        const string text = "Large models are slow. Prior work used caching. We propose a draft-and-verify scheme that is three times faster. It works on many tasks.";

        Assert.Equal("Large models are slow. We propose a draft-and-verify scheme that is three times faster.", ExtractiveSummarizer.Summarize(text));
        Assert.Equal("Only one sentence here.", ExtractiveSummarizer.Summarize("Only one sentence here."));
    }

    [Fact]
    public void Keyword_and_size_inputs_are_checked()
    {
        Assert.Equal(["llm", "agents", "RAG"], DigestFilters.ParseKeywords(" llm, agents ,,RAG, LLM"));
        Assert.NotNull(DigestFilters.Validate([], 0, 0));
        Assert.NotNull(DigestFilters.Validate([], -1, 5));
        Assert.NotNull(DigestFilters.Validate([], 0, 51));
        Assert.Null(DigestFilters.Validate(["x"], 3, 50));
    }
}
