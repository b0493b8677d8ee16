using PaperBot.Core.Answering;
using PaperBot.Core.Retrieval;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Answering;

/// <summary>
/// Two named papers compared on their stored facts ("which came out first, X or Y?", "X vs Y: which has more authors?",
/// "is X newer than Y?"). Before, the first was read as "the oldest paper about X or Y" and cited one paper; the others
/// were answered from the abstracts with no fact at all. The facts each answer must state are read with SQL.
/// </summary>
public sealed class PaperComparisonTests(QuestionCorpusFixture corpus) : IClassFixture<QuestionCorpusFixture>
{
    private string Id(string titleStart) => corpus.Ids($"SELECT id FROM papers WHERE title LIKE '{titleStart}%'").Single();

    private string Value(string sql) => corpus.Ids(sql).Single();

    [Theory]
    [InlineData("which came out first, BARS-CTR or the merge conflict resolution paper?", "BARS-CTR", "Program Merge Conflict Resolution")]
    [InlineData("dualmix vs the offline experience replay one - which is newer?", "DualMix", "Offline Experience Replay")]
    [InlineData("is BARS-CTR newer than DualMix?", "BARS-CTR", "DualMix")]
    [InlineData("which is older, DualMix or BARS-CTR?", "DualMix", "BARS-CTR")]
    [InlineData("compare the dates of DualMix and BARS-CTR", "DualMix", "BARS-CTR")]
    public async Task Which_came_out_first_cites_both_papers_with_their_listed_dates(string question, string first, string second)
    {
        var (a, b) = (Id(first), Id(second));
        var dates = corpus.Ids($"SELECT id FROM papers WHERE id IN ('{a}', '{b}') AND year_known = 1 ORDER BY date_sort");
        Assert.Equal(2, dates.Count);

        var response = await corpus.Respond(question);

        Assert.Equal(AnswerBasis.Metadata, response.Answer.Basis);
        Assert.Equal([a, b], response.Answer.Citations.Select(c => c.Id));
        Assert.Equal(new[] { a, b }.Order(StringComparer.Ordinal), (response.Retrieval.MatchingIds ?? []).Order(StringComparer.Ordinal));
        var text = response.Answer.Text;
        var earlier = response.Answer.Citations.Single(c => c.Id == dates[0]);
        Assert.StartsWith(PaperNameIn(text, earlier.Title), text);
        Assert.Contains("came out first", text);
        foreach (var id in dates)
        {
            var year = Value($"SELECT substr(date, 1, 4) FROM papers WHERE id = '{id}'");
            Assert.Contains(year, text);
        }
    }

    [Fact]
    public async Task More_authors_states_both_counts_and_which_has_more()
    {
        var (a, b) = (Id("BARS-CTR"), Id("DualMix"));
        var na = int.Parse(Value($"SELECT CAST(n_authors AS TEXT) FROM papers WHERE id = '{a}'"), System.Globalization.CultureInfo.InvariantCulture);
        var nb = int.Parse(Value($"SELECT CAST(n_authors AS TEXT) FROM papers WHERE id = '{b}'"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(na, nb);

        var response = await corpus.Respond("BARS-CTR vs DualMix: which has more authors?");

        Assert.Equal(AnswerBasis.Metadata, response.Answer.Basis);
        Assert.Contains($"BARS-CTR has {na} authors and DualMix has {nb} authors: {(na > nb ? "BARS-CTR" : "DualMix")} has more.", response.Answer.Text);
        Assert.Equal([1, 2], response.Answer.Sentences.Single().Citations);
    }

    [Fact]
    public async Task A_fact_one_listing_lacks_is_said_plainly_and_nothing_is_compared()
    {
        // StableMoE's listing gives no date, and its authors end in "et al."; DualMix has both.
        var stable = Id("StableMoE");
        Assert.Single(corpus.Ids($"SELECT id FROM papers WHERE id = '{stable}' AND date IS NULL AND authors_complete = 0 AND n_authors IS NULL"));

        var newer = await corpus.Respond("is StableMoE newer than DualMix?");
        Assert.Equal(AnswerBasis.Metadata, newer.Answer.Basis);
        Assert.Contains("none of the listings of StableMoE gives a date", newer.Answer.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("cannot be told", newer.Answer.Text);

        var authors = await corpus.Respond("which has more authors, StableMoE or DualMix?");
        Assert.Contains("shows only its first 3 authors", authors.Answer.Text);
        Assert.Contains("cannot be told", authors.Answer.Text);
    }

    [Fact]
    public async Task More_upvotes_compares_the_listed_counts()
    {
        var voted = corpus.Ids("SELECT id FROM papers WHERE upvotes IS NOT NULL AND instr(title, ':') BETWEEN 2 AND 30 ORDER BY upvotes DESC, seq LIMIT 2");
        Assert.Equal(2, voted.Count);
        var names = voted.Select(id => Value($"SELECT substr(title, 1, instr(title, ':') - 1) FROM papers WHERE id = '{id}'")).ToList();
        var votes = voted.Select(id => Value($"SELECT CAST(upvotes AS TEXT) FROM papers WHERE id = '{id}'")).ToList();

        var response = await corpus.Respond($"{names[1]} vs {names[0]} - which has more upvotes?");

        Assert.Equal(AnswerBasis.Metadata, response.Answer.Basis);
        Assert.Equal([voted[1], voted[0]], response.Answer.Citations.Select(c => c.Id));
        Assert.Contains($"{names[1]} has {votes[1]} upvotes and {names[0]} has {votes[0]} upvotes", response.Answer.Text);
    }

    [Fact]
    public async Task A_named_paper_the_corpus_lacks_is_said_to_be_missing()
    {
        var searched = corpus.Ids("SELECT CAST(count(*) AS TEXT) FROM papers")[0];

        var response = await corpus.Respond("is ChronoRAG newer than DualMix?");

        Assert.Contains($"No paper titled \"ChronoRAG\" is in the {searched} papers", response.Answer.Text);
        Assert.Equal([Id("DualMix")], response.Answer.Citations.Select(c => c.Id));
    }

    [Theory]
    [InlineData("which came out first, StableMoE or DeepSeekMoE or DualMix?")]
    [InlineData("StableMoE vs DeepSeekMoE vs DualMix: which has more upvotes?")]
    public async Task Three_named_papers_are_not_read_as_one_missing_paper(string question)
    {
        // Before, the second and third names were read as one title ("DeepSeekMoE or DualMix") said not to be in the corpus.
        var response = await corpus.Respond(question);

        Assert.DoesNotContain("No paper titled", response.Answer.Text, StringComparison.Ordinal);
        Assert.IsNotType<QuestionIntent.ComparePapers>(corpus.Read(question));
    }

    [Theory]
    [InlineData("compare StableMoE and DeepSeekMoE")]                       // what they do: a content comparison
    [InlineData("how does Math-Shepherd compare with Let's Verify Step by Step?")]
    [InlineData("RLHF vs DPO - which is better?")]                          // no stored fact asked
    [InlineData("which came out first, the transformer or the LSTM?")]      // no paper named
    [InlineData("continual learning and data augmentation, which came out first?")] // two topics, each in some title
    [InlineData("is preference optimization older than reward modeling?")]
    [InlineData("is retrieval augmentation more recent than fine tuning?")]
    [InlineData("does DeepSeekMoE have more authors than the other MoE papers?")] // a group of papers
    [InlineData("which is newest: continual learning, relation extraction or entity linking?")] // three topics
    [InlineData("is DPO more popular than PPO?")]                           // two methods, each an acronym inside titles
    public void Other_comparisons_are_not_read_as_stored_facts(string question) =>
        Assert.IsNotType<QuestionIntent.ComparePapers>(corpus.Read(question));

    [Theory]
    [InlineData("which came out first, BARS-CTR or the merge conflict resolution paper?", "BARS-CTR", "merge conflict resolution")]
    [InlineData("dualmix vs the offline experience replay one - which is newer?", "dualmix", "offline experience replay")]
    [InlineData("is DeepSeekMoE newer than StableMoE?", "DeepSeekMoE", "StableMoE")]
    [InlineData("which of StableMoE and DeepSeekMoE has more upvotes?", "StableMoE", "DeepSeekMoE")]
    [InlineData("between DualMix and BARS-CTR, which was published first?", "DualMix", "BARS-CTR")]
    [InlineData("did BARS-CTR come out before DualMix?", "BARS-CTR", "DualMix")]
    public void The_two_names_are_read_as_written(string question, string first, string second)
    {
        var read = QuestionClassifier.ComparisonIn(question);
        Assert.NotNull(read);
        Assert.Equal((first, second), (read.Value.First, read.Value.Second));
    }

    private static string PaperNameIn(string text, string title) =>
        title.IndexOf(':', StringComparison.Ordinal) is > 1 and <= 40 and var colon ? title[..colon] : title;
}
