using PaperBot.Core.Answering;
using PaperBot.Core.Retrieval;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Answering;

/// <summary>
/// Lists asked for in an order ("top 3 papers by upvotes", "moe papers sorted by date", "rank them by number of
/// authors"). Before, "top 3 papers by upvotes" and "papers sorted by date" were answered "I found nothing about that",
/// and "top 3 by upvotes" listed papers about ranking. Expected sets come from plain SQL over the corpus.
/// </summary>
public sealed class OrderRequestTests(QuestionCorpusFixture corpus) : IClassFixture<QuestionCorpusFixture>
{
    [Theory]
    [InlineData("top 3 papers by upvotes", "3 most upvoted papers")]
    [InlineData("top papers by votes", "most upvoted papers")]
    [InlineData("top 5 rl papers ranked by popularity", "5 most upvoted rl papers")]
    [InlineData("papers sorted by date", "papers sorted newest first")]
    [InlineData("moe papers sorted by release date, oldest first", "moe papers sorted oldest first")]
    [InlineData("sort them by date (old to new)", "them sorted oldest first")]
    [InlineData("rank the moe papers by popularity", "the moe papers sorted most upvoted")]
    [InlineData("papers ordered by number of authors", "papers sorted with the most authors")]
    [InlineData("list 2024 papers by upvotes", "2024 papers sorted most upvoted")]
    [InlineData("top 5 papers", "5 most upvoted papers")]
    [InlineData("what are the top papers?", "what are the most upvoted papers?")]
    public void An_order_request_is_read_as_the_order_cue(string question, string read) =>
        Assert.Equal(read, OrderRequests.Normalise(question));

    [Theory]
    [InlineData("list papers by Damai Dai")]                  // "by" names an author
    [InlineData("top papers by deepseek")]                    // or an organisation
    [InlineData("how do they rank passages by relevance?")]   // a content question about ranking
    [InlineData("which paper sorts experts by load?")]
    [InlineData("top 5 papers on speculative decoding")]    // ranked by how well they match
    [InlineData("top 3 organisations by upvotes")]           // names ranked by their papers' upvotes
    [InlineData("top authors by upvotes")]
    public void Other_uses_of_by_are_left_alone(string question) =>
        Assert.Equal(question, OrderRequests.Normalise(question));

    [Fact]
    public async Task Top_n_by_upvotes_lists_the_n_most_upvoted_papers()
    {
        var response = await corpus.Respond("top 3 papers by upvotes");

        Assert.Equal(AnswerBasis.Metadata, response.Answer.Basis);
        Assert.Equal(corpus.Ids("SELECT id FROM papers WHERE upvotes IS NOT NULL ORDER BY upvotes DESC, seq LIMIT 3"), response.Retrieval.MatchingIds);
    }

    [Fact]
    public async Task Sorted_by_date_lists_every_dated_paper_newest_first_and_says_how_many_have_a_date()
    {
        var response = await corpus.Respond("papers sorted by date");
        var dated = corpus.Ids("SELECT id FROM papers WHERE year_known = 1 AND date_sort IS NOT NULL ORDER BY date_sort DESC, seq");

        Assert.Equal(AnswerBasis.Metadata, response.Answer.Basis);
        Assert.Equal(dated.Order(StringComparer.Ordinal), (response.Retrieval.MatchingIds ?? []).Order(StringComparer.Ordinal));
        Assert.Equal(dated[0], response.Answer.Citations[0].Id);
        Assert.StartsWith($"{dated.Count} of the ", response.Answer.Sentences[0].Text);
        Assert.Contains("newest first", response.Answer.Sentences[0].Text);
    }

    [Fact]
    public async Task Ranked_by_author_count_states_the_range_of_the_whole_list()
    {
        var response = await corpus.Respond("papers ranked by number of authors");
        var counted = corpus.Ids("SELECT id FROM papers WHERE n_authors IS NOT NULL");
        var most = corpus.Ids("SELECT CAST(max(n_authors) AS TEXT) FROM papers")[0];
        var fewest = corpus.Ids("SELECT CAST(min(n_authors) AS TEXT) FROM papers")[0];

        Assert.Equal(counted.Count, response.Retrieval.MatchingIds?.Count);
        Assert.Contains($"most authors first ({most} to {fewest})", response.Answer.Sentences[0].Text);
    }

    [Fact]
    public async Task An_order_no_matching_paper_can_be_placed_in_lists_them_and_says_why()
    {
        // A topic whose papers give no upvote count: listed, not "I found no paper about X, most upvoted first".
        var topic = corpus.Ids("SELECT id FROM papers WHERE lower(title || ' ' || abstract) LIKE '%deepseek%'");
        Assert.NotEmpty(topic);
        Assert.Empty(corpus.Ids("SELECT id FROM papers WHERE lower(title || ' ' || abstract) LIKE '%deepseek%' AND upvotes IS NOT NULL"));

        var response = await corpus.Respond("top 3 deepseek papers by upvotes");

        Assert.Equal(AnswerBasis.Metadata, response.Answer.Basis);
        Assert.Contains("none of their listings gives an upvote count", response.Answer.Sentences[0].Text);
        Assert.NotEmpty(response.Answer.Citations);
    }
}
