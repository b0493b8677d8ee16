using PaperBot.Core.Papers;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Ingest;

/// <summary>Facts checked by hand in the seed corpus, read back through ingest into SQLite.</summary>
public sealed class SeedCorpusParsingTests(CorpusFixture corpus) : IClassFixture<CorpusFixture>
{
    private Paper ByTitle(string title)
    {
        var hit = corpus.Database.Searcher.Search(title, 5).Hits.First(h => h.Paper.Title == title);
        return corpus.Database.Store.Get(hit.Paper.Id)!;
    }

    [Fact]
    public void Seed_corpus_ingests_without_unplaced_lines_or_errors()
    {
        Assert.Equal(5, corpus.Report.Files);
        Assert.Empty(corpus.Report.Unplaced);
        Assert.Empty(corpus.Report.Errors);
        Assert.Equal(corpus.Report.Records - corpus.Report.Merged, corpus.Report.Papers);
        Assert.True(corpus.Report.Merged >= 10, $"expected the listings' overlaps to merge, got {corpus.Report.Merged}");
    }

    [Fact]
    public void Card_metadata_is_kept()
    {
        var paper = ByTitle("DialogQAE: N-to-N Question Answer Pair Extraction from Customer Service Chatlog");

        Assert.Equal(new PaperDate(2022, 12, 14), paper.Date);
        Assert.Equal(16.7, paper.Score);
        Assert.Equal("CL", paper.Category);
        Assert.Equal(["Xin Zheng", "Tianyu Liu", "Haoran Meng"], paper.Authors);
        Assert.False(paper.AuthorsComplete);
    }

    [Fact]
    public void Organisation_footer_is_kept()
    {
        var paper = ByTitle("MEMTRACK: Evaluating Long-Term Memory and State Tracking in Multi-Platform Dynamic Agent Environments");

        Assert.Contains("PatronusAI", paper.Orgs);
        Assert.Equal(2, paper.Upvotes);
        Assert.False(paper.Date!.Value.YearKnown);
    }

    [Fact]
    public void Paper_in_several_listings_is_one_paper_with_every_source()
    {
        var paper = ByTitle("The Trickle-down Impact of Reward (In-)consistency on RLHF");

        Assert.Equal(2, paper.Sources.Select(s => s.File).Distinct().Count());
        Assert.Equal(8, paper.AuthorCount);
        Assert.Equal(new PaperDate(2023, 9, 28), paper.Date);
    }

    [Fact]
    public void Untitled_abstract_merges_into_the_titled_paper_with_the_same_abstract()
    {
        var paper = ByTitle("LoGU: Long-form Generation with Uncertainty Expressions");

        Assert.False(paper.TitleDerived);
        Assert.Contains(paper.Sources, s => Path.GetFileName(s.File).StartsWith("000_", StringComparison.Ordinal));
        Assert.Contains(paper.Sources, s => Path.GetFileName(s.File).StartsWith("004_", StringComparison.Ordinal));
    }

    [Fact]
    public void Paper_with_no_title_anywhere_gets_a_short_derived_title()
    {
        var hit = corpus.Database.Searcher.Search("Federated Named Entity Recognition FNER forgetting", 3).Hits[0];

        Assert.True(hit.Paper.TitleDerived);
        Assert.Contains("LGFD", hit.Paper.Title, StringComparison.Ordinal);
        Assert.InRange(hit.Paper.Title.Length, 10, 91);
    }

    [Fact]
    public void Ids_are_short_and_typeable()
    {
        using var connection = corpus.Database.Factory.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT id FROM papers";
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            Assert.Matches("^[a-z2-9]{6,8}$", reader.GetString(0));
        }
    }
}
