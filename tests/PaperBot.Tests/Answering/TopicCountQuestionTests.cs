using PaperBot.Core.Answering;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Answering;

/// <summary>
/// "how many papers are about mixture of experts?" asks for a number. It used to get the ranking's first few papers
/// and no number at all ("count the papers about reward models" put a word-counting paper first). Now it is answered
/// from the metadata with the topic rule (title or abstract writes the topic): how many, then the papers. Expected sets
/// come from plain SQL over the corpus.
/// </summary>
public sealed class TopicCountQuestionTests(QuestionCorpusFixture corpus) : IClassFixture<QuestionCorpusFixture>
{
    private const string MixtureOfExperts =
        "SELECT id FROM papers WHERE lower(title || ' ' || abstract) LIKE '%mixture of experts%' OR lower(title || ' ' || abstract) LIKE '%mixture-of-expert%'";

    private const string SpeculativeDecoding = "SELECT id FROM papers WHERE lower(title || ' ' || abstract) LIKE '%speculative decoding%'";

    [Theory]
    [InlineData("how many papers are about mixture of experts?", MixtureOfExperts)]
    [InlineData("How many papers discuss mixture-of-experts models", MixtureOfExperts)]
    [InlineData("how many papers discuss speculative decoding?", SpeculativeDecoding)]
    [InlineData("count the papers on speculative decoding", SpeculativeDecoding)]
    [InlineData("how many of the papers focus on speculative decoding?", SpeculativeDecoding)]
    [InlineData("how many papers are there on speculative decoding?", SpeculativeDecoding)]
    public async Task A_count_of_a_topics_papers_says_how_many_and_lists_exactly_them(string question, string sql)
    {
        var response = await corpus.AssertExactly(question, sql);
        var expected = corpus.Ids(sql).Count;

        Assert.StartsWith($"I found {expected} paper", response.Answer.Sentences[0].Text);
    }

    [Fact]
    public async Task A_count_of_a_topic_no_paper_writes_is_declined_not_answered_with_a_number()
    {
        var response = await corpus.Respond("how many papers are about quantum gravity?");

        Assert.True(response.Answer.Abstained, response.Answer.Text);
        Assert.NotEqual(AnswerBasis.Metadata, response.Answer.Basis);
    }

    [Theory]
    [InlineData("how many papers are there?")]                         // the corpus's size
    [InlineData("how many parameters does StableMoE use?")]            // a fact of one paper
    [InlineData("which papers are about mixture of experts?")]         // a theme, ranked: no count asked
    public void Other_questions_are_not_read_as_a_count_of_a_topic(string question) =>
        Assert.False(corpus.Read(question) is QuestionIntent.ByMetadata { Query.Topic: not null }, question);

    [Theory]
    [InlineData("how many papers are about mixture of experts?", "about \"mixture of experts\"")]
    [InlineData("how many papers on in-context learning are there?", "about \"in-context learning\"")]
    [InlineData("how many papers discuss speculative decoding?", "about \"speculative decoding\"")]
    public async Task The_answer_names_the_topic_as_the_question_wrote_it(string question, string named)
    {
        var response = await corpus.Respond(question);

        Assert.Contains(named, response.Answer.Sentences[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pku papers about mixture of experts", "mixture experts", "mixture of experts")]
    [InlineData("2023 In-Context Learning papers", "context learning", "In-Context Learning")]
    [InlineData("papers on experts mixture", "mixture experts", "mixture experts")]   // not written in a row: the topic
    public void A_topic_is_shown_as_written_when_its_words_are_written_in_a_row(string question, string topic, string shown) =>
        Assert.Equal(shown, QuestionClassifier.TopicAsWritten(question, topic));
}
