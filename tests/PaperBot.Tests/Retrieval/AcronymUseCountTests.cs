using PaperBot.Tests.Support;

namespace PaperBot.Tests.Retrieval;

/// <summary>acronym_uses (migration 7) always equals a count of paper_acronyms, whatever ingest adds or removes.</summary>
public sealed class AcronymUseCountTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

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
    public void Use_counts_follow_every_insert_and_delete_including_cascades_from_removed_papers()
    {
        _db.IngestCorpus();
        Assert.True(_db.Scalar("SELECT COUNT(*) FROM acronym_uses") > 50);
        Assert.True(_db.Scalar("SELECT uses FROM acronym_uses WHERE short = 'dpo' AND long_key = 'direct preference optimization'") >= 2);
        AssertCountsMatch();

        _db.Scalar("DELETE FROM papers WHERE seq % 3 = 0 RETURNING 0");
        AssertCountsMatch();

        _db.Scalar("DELETE FROM paper_acronyms RETURNING 0");
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM acronym_uses"));
    }
}
