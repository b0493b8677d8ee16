using PaperBot.Tests.Support;

namespace PaperBot.Tests.Ingest;

public sealed class IngestServiceTests
{
    private static string Abstract(string opening) =>
        opening + " We study this problem carefully across many settings and report results on several public benchmarks." +
        " Experiments show consistent gains over strong baselines, and we release our data and analysis to the community." +
        " Further analysis explains where the gains come from and which parts of the method matter most in practice.";

    private static Dictionary<string, string> TitlesById(TempDatabase db)
    {
        using var connection = db.Factory.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT id, title FROM papers";
        using var reader = cmd.ExecuteReader();
        var result = new Dictionary<string, string>();
        while (reader.Read())
        {
            result[reader.GetString(0)] = reader.GetString(1);
        }
        return result;
    }

    [Fact]
    public void Reingesting_the_same_files_changes_nothing()
    {
        using var db = new TempDatabase();
        var first = db.IngestCorpus();
        var idsBefore = TitlesById(db);

        var second = db.IngestCorpus();

        Assert.Equal(first.Papers, second.Papers);
        Assert.Equal(first.Records, second.Records);
        Assert.Equal((0, 0, 0), (second.New, second.Updated, second.Removed));
        Assert.Equal(first.Papers, second.Unchanged);
        Assert.Equal(idsBefore, TitlesById(db));
        Assert.Equal(2, db.Scalar("SELECT COUNT(*) FROM ingest_runs"));
    }

    [Fact]
    public void Ids_are_the_same_in_a_database_built_from_scratch()
    {
        using var a = new TempDatabase();
        using var b = new TempDatabase();
        a.IngestCorpus();
        b.IngestCorpus();

        Assert.Equal(TitlesById(a), TitlesById(b));
    }

    [Fact]
    public void A_changed_file_updates_only_what_changed_and_keeps_ids()
    {
        using var db = new TempDatabase();
        var original = string.Join("\n", "Paper One", Abstract("One."), "", "  • 3 authors", "·", "Aug 4 2", "",
            "Paper Two", Abstract("Two."), "", "  • 4 authors", "·", "Sep 1, 2023", "");
        var path = db.WriteFile("inbox/listing.txt", original);
        db.Ingest.Ingest([path]);
        var ids = TitlesById(db);

        File.WriteAllText(path, original.Replace("Aug 4 2", "Aug 4 7", StringComparison.Ordinal));
        var report = db.Ingest.Ingest([path]);

        Assert.Equal((0, 1, 1), (report.New, report.Updated, report.Unchanged));
        Assert.Equal(ids, TitlesById(db));
        var one = db.Store.Get(ids.Single(p => p.Value == "Paper One").Key)!;
        Assert.Equal(7, one.Upvotes);
    }

    [Fact]
    public void A_paper_removed_from_its_only_listing_is_removed()
    {
        using var db = new TempDatabase();
        var path = db.WriteFile("l.txt", $"Paper One\n{Abstract("One.")}\nPaper Two\n{Abstract("Two.")}\n");
        db.Ingest.Ingest([path]);

        File.WriteAllText(path, $"Paper Two\n{Abstract("Two.")}\n");
        var report = db.Ingest.Ingest([path]);

        Assert.Equal(1, report.Removed);
        Assert.Equal(["Paper Two"], TitlesById(db).Values);
    }

    [Fact]
    public void Records_of_one_paper_in_two_files_merge_with_both_sources_and_fullest_metadata()
    {
        using var db = new TempDatabase();
        // The cards listing cut the abstract short ("…"); the daily listing, which came second, has all of it.
        var cut = Abstract("Shared opening sentence.");
        db.WriteFile("a/cards.txt", $"3.9CLJul 31, 2022\nShared PaperAnn Lee, Bo Chen et al. · pku\n{cut[..^40]}…\n");
        db.WriteFile("a/daily.txt", $"Shared Paper\n\n{cut} Plus a longer ending only this listing has.\n\n  • 9 authors\n·\nJul 31 5\n");

        var report = db.Ingest.Ingest([Path.Combine(db.Folder, "a")]);

        Assert.Equal((2, 1, 1), (report.Records, report.Papers, report.Merged));
        Assert.Empty(report.Conflicts);
        var paper = db.Store.Get(TitlesById(db).Keys.Single())!;
        Assert.Equal(["a/cards.txt", "a/daily.txt"], paper.Sources.Select(s => s.File));
        Assert.Equal(9, paper.AuthorCount);
        Assert.Equal(5, paper.Upvotes);
        Assert.Equal(2022, paper.Date!.Value.Year);
        Assert.EndsWith("only this listing has.", paper.Abstract, StringComparison.Ordinal);
        Assert.Equal(["Ann Lee", "Bo Chen"], paper.Authors);
    }

    [Fact]
    public void An_untitled_abstract_ingested_first_takes_the_title_later_and_keeps_its_id()
    {
        using var db = new TempDatabase();
        var untitled = db.WriteFile("u.txt", $"Abstract:{Abstract("A lonely abstract about sparse routing.")}\n");
        db.Ingest.Ingest([untitled]);
        var (id, derived) = TitlesById(db).Single();

        var titled = db.WriteFile("t.txt", $"Sparse Routing Explained\n{Abstract("A lonely abstract about sparse routing.")}\n");
        var report = db.Ingest.Ingest([titled]);

        Assert.Equal((0, 1), (report.New, report.Updated));
        var paper = db.Store.Get(id)!;
        Assert.Equal("Sparse Routing Explained", paper.Title);
        Assert.False(paper.TitleDerived);
        Assert.NotEqual(derived, paper.Title);
    }

    [Fact]
    public void Unreadable_files_are_reported_and_skipped_and_nothing_else_is_lost()
    {
        using var db = new TempDatabase();
        db.IngestCorpus();
        var before = TitlesById(db);
        var binary = Path.Combine(db.Folder, "image.txt");
        File.WriteAllBytes(binary, [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x1A, 0x0A]);
        var latin1 = Path.Combine(db.Folder, "latin1.txt");
        File.WriteAllBytes(latin1, [0x43, 0x61, 0x66, 0xE9, 0x20, 0x61, 0x75, 0x20, 0x6C, 0x61, 0x69, 0x74]);
        var empty = db.WriteFile("empty.txt", "");
        var missing = Path.Combine(db.Folder, "missing.txt");

        var report = db.Ingest.Ingest([binary, latin1, empty, missing, RepositoryPaths.Corpus]);

        Assert.Equal(["image.txt", "latin1.txt", "missing.txt"], report.Errors.Select(e => e.File).Order());
        Assert.Contains("binary", report.Errors.Single(e => e.File == "image.txt").Message, StringComparison.Ordinal);
        Assert.Contains("UTF-8", report.Errors.Single(e => e.File == "latin1.txt").Message, StringComparison.Ordinal);
        Assert.Equal(before, TitlesById(db));
        Assert.Equal(0, report.New);
    }

    [Fact]
    public void Ingest_is_one_transaction_so_a_failure_mid_run_leaves_the_database_as_it_was()
    {
        using var db = new TempDatabase();
        db.IngestCorpus();
        var before = TitlesById(db);
        var path = db.WriteFile("new.txt", $"Brand New Paper\n{Abstract("Never seen before.")}\n");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.Throws<OperationCanceledException>(() => db.Ingest.Ingest([path], cancel.Token));

        Assert.Equal(before, TitlesById(db));
        Assert.Equal(1, db.Scalar("SELECT COUNT(*) FROM ingest_runs"));
    }

    [Fact]
    public void Database_uses_wal_and_the_latest_schema()
    {
        using var db = new TempDatabase();
        db.IngestCorpus();

        using var connection = db.Factory.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", cmd.ExecuteScalar());
        Assert.Equal(PaperBot.Core.Storage.SchemaMigrator.LatestVersion, db.Scalar("PRAGMA user_version"));
    }
}
