using PaperBot.Core.Retrieval;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Retrieval;

public sealed class FtsQueryTests(CorpusFixture corpus) : IClassFixture<CorpusFixture>
{
    [Theory]
    [InlineData("\"unbalanced quote")]
    [InlineData("speculative*")]
    [InlineData("^decoding")]
    [InlineData("NEAR(speculative decoding, 3)")]
    [InlineData("-reward -model")]
    [InlineData("title:decoding")]
    [InlineData("(((speculative)")]
    [InlineData("speculative AND OR NOT decoding")]
    [InlineData("décodage spéculatif 推测解码 🚀")]
    [InlineData("'; DROP TABLE papers; --")]
    [InlineData("{title abstract}: speculative")]
    public void Fts5_syntax_in_user_text_is_searched_as_plain_words(string query)
    {
        var result = corpus.Database.Searcher.Search(query);

        Assert.Null(result.Message);
        Assert.Equal(corpus.Report.Papers, corpus.Database.Store.CountPapers());
    }

    [Fact]
    public void Operators_are_quoted_as_terms()
    {
        var query = FtsQuery.Build("speculative NEAR decoding");

        Assert.NotNull(query);
        Assert.Equal("\"speculative\" OR \"near\" OR \"decoding\"", query.MatchExpression);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!*^:-()\"")]
    [InlineData(null)]
    public void Text_with_no_words_gets_a_clear_message_not_an_exception(string? query)
    {
        var result = corpus.Database.Searcher.Search(query);

        Assert.Empty(result.Hits);
        Assert.Equal(PaperSearcher.EmptyQueryMessage, result.Message);
    }

    [Fact]
    public void Only_stop_words_still_search()
    {
        var result = corpus.Database.Searcher.Search("what is the");

        Assert.Null(result.Message);
    }

    [Fact]
    public void A_title_match_outranks_abstract_mentions()
    {
        var result = corpus.Database.Searcher.Search("speculative decoding", 5);

        Assert.Contains("Speculative Decoding", result.Hits[0].Paper.Title, StringComparison.Ordinal);
    }
}
