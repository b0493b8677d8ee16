using PaperBot.Tests.Support;

namespace PaperBot.Tests.Retrieval;

/// <summary>acronym_uses (migration 7) equals a count of paper_acronyms after every ingest run, whatever it added or removed.</summary>
public sealed class AcronymUseCountTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private static string Abstract(string opening) =>
        opening + " Direct Preference Optimization (DPO) aligns models with preferences without a separate reward model." +
        " Experiments show consistent gains over strong baselines, and we release our data and analysis to the community.";

    private void AssertCountsMatch()
    {
        // Pairs counted differently, or present on one side only: none.
        Assert.Equal(0, _db.Scalar("""
            SELECT COUNT(*) FROM (
                SELECT short, long_key, COUNT(*) AS n FROM paper_acronyms GROUP BY short, long_key
            ) AS counted
            FULL OUTER JOIN acronym_uses AS kept USING (short, long_key)
            WHERE counted.n IS NOT kept.uses
            """));
    }

    [Fact]
    public void Use_counts_match_after_a_first_ingest_a_changed_listing_and_a_removed_one()
    {
        var first = _db.WriteFile("a.txt", $"Paper One About Alignment\n{Abstract("We study chat assistants trained on dialogue data.")}\nPaper Two About Alignment\n{Abstract("Code generation models need alignment too.")}\n");
        var second = _db.WriteFile("b.txt", $"Paper Three About Alignment\n{Abstract("Mathematical reasoning is our focus in this study.")}\n");
        _db.Ingest.Ingest([first, second]);
        Assert.Equal(3, _db.Scalar("SELECT uses FROM acronym_uses WHERE short = 'dpo' AND long_key = 'direct preference optimization'"));
        AssertCountsMatch();

        _db.IngestCorpus();
        AssertCountsMatch();
        var withCorpus = _db.Scalar("SELECT uses FROM acronym_uses WHERE short = 'dpo' AND long_key = 'direct preference optimization'");
        Assert.True(withCorpus > 3);

        // b.txt now holds a paper without the acronym: its old paper leaves, and the count follows.
        File.WriteAllText(second, "Paper Four About Something Else\nWe study widgets and nothing more in this abstract, which is long enough to count as one:" +
            " it describes a method, a benchmark of widgets and what the experiments on widgets show about them.\n");
        _db.Ingest.Ingest([first, second]);
        AssertCountsMatch();
        Assert.Equal(withCorpus - 1, _db.Scalar("SELECT uses FROM acronym_uses WHERE short = 'dpo' AND long_key = 'direct preference optimization'"));
    }
}
