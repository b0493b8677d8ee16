using PaperBot.Core.Answering;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Text;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Retrieval;

/// <summary>
/// The rule-based question reader on metadata questions phrased as people type them in chat: names linked to the
/// stored spelling (accents, case, one slip), several authors at once, a paper named by any run of the question's
/// words, thresholds and month spans. Expected sets come from plain SQL over the real corpus, never from the answer.
/// </summary>
public sealed class MetadataQuestionReaderTests(CorpusFixture corpus) : IClassFixture<CorpusFixture>
{
    private QuestionIntent Read(string question) => new QuestionClassifier(corpus.Database.Store, corpus.Database.Searcher).Classify(question);

    private IReadOnlyList<string> Ids(string sql)
    {
        using var connection = corpus.Database.Factory.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    private async Task AssertExactly(string question, string sql)
    {
        var response = await corpus.Database.Answerer.RespondAsync(question);
        var expected = Ids(sql);
        Assert.NotEmpty(expected);
        Assert.Equal(AnswerBasis.Metadata, response.Answer.Basis);
        Assert.Equal(expected.Order(StringComparer.Ordinal), (response.Retrieval.MatchingIds ?? []).Order(StringComparer.Ordinal));
    }

    private string TitleOf(QuestionIntent intent) => corpus.Database.Store.Get(Assert.IsType<QuestionIntent.AboutPaper>(intent).PaperId)!.Title;

    [Theory]
    [InlineData("papers by Peiyi Wnag")]
    [InlineData("what has peiyi wang written")]
    [InlineData("anything written by Peyi Wang?")]
    public void An_author_written_with_one_slip_is_linked_to_the_stored_name(string question) =>
        Assert.Equal("Peiyi Wang", Assert.IsType<QuestionIntent.ByAuthor>(Read(question)).Name, ignoreCase: true);

    [Fact]
    public void Without_a_word_about_authorship_a_misspelt_name_is_not_guessed() =>
        Assert.IsNotType<QuestionIntent.ByAuthor>(Read("peiyi wnag continual relation extraction"));

    [Fact]
    public void A_short_name_one_letter_off_is_another_person_not_a_slip() =>
        // "Ke Xi" is one letter from the stored "Ke Xu", but four-letter names are too close to one another to guess.
        Assert.IsNotType<QuestionIntent.ByAuthor>(Read("papers by Ke Xi"));

    [Fact]
    public Task An_organisation_written_without_its_accent_is_the_stored_organisation() =>
        AssertExactly("anything tagged wunlp?", "SELECT DISTINCT paper_id FROM paper_orgs WHERE name_key IN ('wünlp', 'wuenlp')");

    [Theory]
    [InlineData("papers where both Damai Dai and Li Dong are authors")]
    [InlineData("what did Damai Dai and Li Dong write together?")]
    public Task Two_authors_named_together_ask_for_the_papers_they_share(string question) =>
        AssertExactly(question, """
            SELECT a.paper_id FROM paper_authors a JOIN paper_authors b ON b.paper_id = a.paper_id
            WHERE a.name_key = 'damaidai' AND b.name_key = 'lidong'
            """);

    [Theory]
    [InlineData("author count for SysBench", PaperFacts.AuthorCount, "SysBench:")]
    [InlineData("what orgs is AdaMMS affiliated with", PaperFacts.Orgs, "AdaMMS:")]
    [InlineData("who are the ppl behind Knowledge Neurons in Pretrained Transformers", PaperFacts.Authors, "Knowledge Neurons in Pretrained Transformers")]
    [InlineData("how popular is the internal consistency survey", PaperFacts.Upvotes, "Internal Consistency and Self-Feedback")]
    [InlineData("whats the release date of reinforcement pre-training", PaperFacts.Date, "Reinforcement Pre-Training")]
    [InlineData("which folks wrote DialogUSR", PaperFacts.Authors, "DialogUSR:")]
    public void A_fact_question_finds_the_paper_named_anywhere_in_it(string question, PaperFacts facts, string titleStart)
    {
        var intent = Read(question);

        Assert.Equal(facts, Assert.IsType<QuestionIntent.AboutPaper>(intent).Facts);
        Assert.StartsWith(titleStart, TitleOf(intent), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("when did people start using preference optimization?")]
    [InlineData("when was reinforcement learning for reasoning first tried?")]
    public void A_few_words_that_occur_in_some_title_do_not_name_that_paper(string question) =>
        Assert.IsNotType<QuestionIntent.AboutPaper>(Read(question));

    [Theory]
    [InlineData("2024 papers with 2 or more upvotes", 2, null)]
    [InlineData("anything with 3+ upvotes?", 3, null)]
    [InlineData("papers with exactly 1 upvote", 1, 1)]
    [InlineData("papers with >= 4 upvotes", 4, null)]
    [InlineData("papers with 2 or fewer upvotes", null, 2)]
    public void Upvote_thresholds_in_any_notation_are_conditions(string question, int? min, int? max)
    {
        var query = Assert.IsType<QuestionIntent.ByMetadata>(Read(question)).Query;

        Assert.Equal(min, query.MinUpvotes);
        Assert.Equal(max, query.MaxUpvotes);
        Assert.Null(query.Topic);
    }

    [Fact]
    public Task Exactly_one_upvote_lists_every_paper_with_one() =>
        AssertExactly("papers with exactly 1 upvote", "SELECT id FROM papers WHERE upvotes = 1");

    [Fact]
    public void An_authors_first_paper_is_their_oldest()
    {
        var query = Assert.IsType<QuestionIntent.ByMetadata>(Read("Tianyu Liu's first paper in the list")).Query;

        Assert.Equal(MetadataOrder.Oldest, query.Order);
        Assert.Equal("Tianyu Liu", query.Author);
        Assert.Null(query.Topic);
    }

    [Theory]
    [InlineData("papers dated between june and august 2024", 20240601, 20240831)]
    [InlineData("anything from march-may 2023?", 20230301, 20230531)]
    public void A_span_of_months_with_one_year_is_a_date_range(string question, int from, int to)
    {
        var range = DateRangeParser.Parse(question);

        Assert.Equal(from, range?.From);
        Assert.Equal(to, range?.To);
    }

    [Fact]
    public void Chat_shorthand_reads_as_the_words_it_stands_for()
    {
        Assert.Equal(PaperFacts.Authors, Assert.IsType<QuestionIntent.AboutPaper>(Read("whos the author of StableMoE")).Facts);
        Assert.True(Assert.IsType<QuestionIntent.ByMetadata>(Read("stuff from microsoft research w/ code")).Query.WithCode);
    }

    [Fact]
    public void A_models_reading_with_several_authors_and_an_unaccented_organisation_is_checked_against_the_stored_names()
    {
        var classifier = new QuestionClassifier(corpus.Database.Store, corpus.Database.Searcher);

        var both = Assert.IsType<QuestionIntent.ByMetadata>(classifier.FromFilters(new QuestionFilters { Kind = "list", Author = "Damai Dai", OtherAuthors = ["li dong"] })).Query;
        var org = Assert.IsType<QuestionIntent.ByMetadata>(classifier.FromFilters(new QuestionFilters { Kind = "list", Org = "WuNLP", Topic = "factual answers" })).Query;
        var paper = classifier.FromFilters(new QuestionFilters { Kind = "paper", Paper = "the SysBench benchmark paper", Facts = ["author_count"] });

        Assert.Equal(["li dong"], both.CoAuthors, StringComparer.OrdinalIgnoreCase);
        Assert.True(org.Org is "WüNLP" or "WueNLP", org.Org);
        Assert.StartsWith("SysBench:", TitleOf(paper!), StringComparison.Ordinal);
        Assert.Null(classifier.FromFilters(new QuestionFilters { Kind = "list", Author = "Damai Dai", OtherAuthors = ["Nobody Atall"] }));
    }

    [Theory]
    [InlineData("wang", "wang", 0)]
    [InlineData("peiyiwnag", "peiyiwang", 1)]
    [InlineData("peyiwang", "peiyiwang", 1)]
    [InlineData("peiyiwangg", "peiyiwang", 1)]
    [InlineData("peiyiwbng", "peiyiwang", 1)]
    [InlineData("piyewang", "peiyiwang", int.MaxValue)]
    [InlineData("tianyului", "tianyuliu", 1)]
    public void One_keyboard_slip_is_one_edit(string written, string stored, int distance) =>
        Assert.Equal(distance, EditDistance.AtMostOne(written, stored));
}
