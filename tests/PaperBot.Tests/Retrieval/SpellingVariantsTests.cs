using PaperBot.Core.Retrieval;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Retrieval;

public sealed class SpellingVariantsTests(CorpusFixture corpus) : IClassFixture<CorpusFixture>
{
    [Theory]
    [InlineData("memorised", "memorized")]
    [InlineData("memorization", "memorisation")]
    [InlineData("behaviour", "behavior")]
    [InlineData("behavior", "behaviour")]
    [InlineData("dialogue", "dialog")]
    [InlineData("modelling", "modeling")]
    [InlineData("labeled", "labelled")]
    [InlineData("analysed", "analyzed")]
    [InlineData("dialog", "dialogue")]
    [InlineData("color", "colour")]
    [InlineData("labor", "labour")]
    public void A_word_with_a_british_or_american_ending_gets_the_other_spelling(string word, string expected) =>
        Assert.Contains(expected, SpellingVariants.Of(word));

    [Theory]
    [InlineData("wise")]
    [InlineData("four")]
    [InlineData("rise")]
    [InlineData("tour")]
    [InlineData("log")]
    [InlineData("transformer")]
    [InlineData("expertise")]
    [InlineData("exercises")]
    [InlineData("advertising")]
    [InlineData("expertize")]
    [InlineData("supervised")]
    public void Short_or_unrelated_words_get_none(string word) => Assert.Empty(SpellingVariants.Of(word));

    [Fact]
    public void Only_spellings_the_corpus_uses_become_bridges()
    {
        var bridges = SpellingVariants.Bridges(["memorised", "supervise"], word => word == "memorized");

        var bridge = Assert.Single(bridges);
        Assert.Equal(["memorised"], bridge.SourceWords);
        Assert.Equal(["memorized"], bridge.Words);
    }

    [Fact]
    public void Expertise_is_no_spelling_of_expert_so_mixture_of_experts_papers_do_not_cover_it()
    {
        var hits = corpus.Database.Searcher.Search("domain expertise", 10).Hits;

        Assert.DoesNotContain(hits, h => h.Coverage == 1.0 && !h.Paper.Abstract.Contains("expertise", StringComparison.OrdinalIgnoreCase)
            && !h.Paper.Title.Contains("expertise", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_british_spelling_finds_the_papers_written_the_american_way()
    {
        var american = corpus.Database.Searcher.Search("knowledge the model memorized conflicts with the context", 5);
        var british = corpus.Database.Searcher.Search("knowledge the model memorised conflicts with the context", 5);

        Assert.Equal(american.Hits.Select(h => h.Paper.Id), british.Hits.Select(h => h.Paper.Id));
        Assert.Equal(american.Hits[0].Coverage, british.Hits[0].Coverage);
    }
}
