using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Retrieval;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Scale;

/// <summary>
/// The large-corpus search path (common words left out of the keyword match within a posting budget, common words'
/// document frequencies estimated) switched on for the real corpus, so its behaviour is checked without a million papers.
/// </summary>
public sealed class LargeCorpusSearchTests
{
    private static PaperSearcher LargeCorpusSearcher(TempDatabase db, int rowBudget) =>
        db.ServicesWith(
                ("Retrieval:PruneCommonTermsAbove", "0"),
                ("Retrieval:KeywordRowBudget", rowBudget.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("Retrieval:CorpusVectorWeight", "0"))
            .GetRequiredService<PaperSearcher>();

    [Fact]
    public void A_rare_name_still_finds_its_paper_when_the_common_words_are_left_out()
    {
        using var db = TempDatabase.WithCorpus();

        // "language" and "models" are in most of the 452 papers; a budget of 30 postings keeps only the rare words.
        var hits = LargeCorpusSearcher(db, rowBudget: 30).Search("LongMemEval language models", 5).Hits;

        Assert.StartsWith("LongMemEval", hits[0].Paper.Title, StringComparison.Ordinal);
        Assert.Single(hits);
    }

    [Fact]
    public void With_every_word_common_the_two_rarest_must_both_occur()
    {
        using var db = TempDatabase.WithCorpus();

        var hits = LargeCorpusSearcher(db, rowBudget: 30).Search("language models", 100).Hits;

        Assert.NotEmpty(hits);
        Assert.All(hits, h =>
        {
            var stems = PaperBot.Core.Retrieval.TermWeights.StemsOf(h.Paper.Title + " " + h.Paper.Abstract + " " + string.Join(' ', h.Paper.Authors) + " " + string.Join(' ', h.Paper.Orgs));
            Assert.Contains("languag", stems);
            Assert.Contains("model", stems);
        });
    }

    [Fact]
    public void A_generous_budget_ranks_as_the_small_corpus_path_does()
    {
        using var db = TempDatabase.WithCorpus();
        const string question = "speculative decoding with adaptive candidate lengths";

        var small = db.Searcher.Search(question, 10).Hits.Select(h => h.Paper.Id);
        var large = db.ServicesWith(("Retrieval:PruneCommonTermsAbove", "0")).GetRequiredService<PaperSearcher>()
            .Search(question, 10).Hits.Select(h => h.Paper.Id);

        Assert.Equal(small, large);
    }

    [Theory]
    [InlineData("model")]
    [InlineData("language")]
    [InlineData("reasoning")]
    public void A_common_words_estimated_document_frequency_is_close_to_the_exact_count(string word)
    {
        using var db = TempDatabase.WithCorpus();
        using var connection = db.Factory.Open();
        var papers = db.Scalar("SELECT COUNT(*) FROM papers");
        var maxSeq = db.Scalar("SELECT MAX(seq) FROM papers");
        var exact = DocumentFrequencies.Exact(connection, PaperBot.Core.Text.PorterStemmer.Stem(word));

        var estimate = DocumentFrequencies.Estimate(connection, word, papers, maxSeq, sample: 60);

        Assert.True(exact > 60, $"'{word}' should be common enough to be estimated (in {exact} papers)");
        Assert.InRange(estimate, exact * 0.6, exact * 1.4);
    }

    [Fact]
    public void A_word_in_fewer_papers_than_the_sample_is_counted_exactly()
    {
        using var db = TempDatabase.WithCorpus();
        using var connection = db.Factory.Open();
        var papers = db.Scalar("SELECT COUNT(*) FROM papers");
        var maxSeq = db.Scalar("SELECT MAX(seq) FROM papers");

        Assert.Equal(DocumentFrequencies.Exact(connection, "decod"), DocumentFrequencies.Estimate(connection, "decoding", papers, maxSeq));
    }
}
