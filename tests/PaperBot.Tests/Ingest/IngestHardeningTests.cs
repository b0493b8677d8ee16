using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using PaperBot.Core.Storage;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Ingest;

/// <summary>
/// Listings that should not change papers do not: another folder's file of the same name, a copy with an edited
/// abstract, empty records, named pipes, devices, huge files and escape sequences (issue 13).
/// </summary>
public sealed class IngestHardeningTests
{
    private static string Abstract(string opening) =>
        opening + " We study this problem carefully across many settings and report results on several public benchmarks." +
        " Experiments show consistent gains over strong baselines, and we release our data and analysis to the community." +
        " Further analysis explains where the gains come from and which parts of the method matter most in practice.";

    private static Dictionary<string, (string Title, string Abstract)> Papers(TempDatabase db)
    {
        using var connection = db.Factory.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT id, title, abstract FROM papers";
        using var reader = cmd.ExecuteReader();
        var result = new Dictionary<string, (string, string)>();
        while (reader.Read())
        {
            result[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2));
        }
        return result;
    }

    [Fact]
    public void A_file_named_like_a_corpus_listing_in_another_folder_is_another_listing_and_removes_nothing()
    {
        using var db = new TempDatabase();
        db.IngestCorpus();
        var before = Papers(db);
        var impostor = db.WriteFile("x/000_4bc6e9206c1e3a16.txt", "hello\n");

        var report = db.Ingest.Ingest([impostor]);

        Assert.Equal(0, report.Removed);
        Assert.Equal(before, Papers(db));
        Assert.Equal(1, db.Scalar("SELECT COUNT(*) FROM ingested_files WHERE file = 'x/000_4bc6e9206c1e3a16.txt'"));
        Assert.Equal(1, db.Scalar($"SELECT COUNT(*) FROM ingested_files WHERE file LIKE '%/corpus/000_4bc6e9206c1e3a16.txt'"));
    }

    [Fact]
    public void A_copy_of_a_listing_with_an_edited_abstract_does_not_overwrite_the_stored_abstract_and_is_reported()
    {
        using var db = new TempDatabase();
        db.IngestCorpus();
        var before = Papers(db);
        var lines = File.ReadAllLines(RepositoryPaths.CorpusFile("004_"));
        var edited = Array.FindIndex(lines, l => l.Length > 300);
        lines[edited] = lines[edited].Replace(". ", ". This sentence was not in the paper. ", StringComparison.Ordinal) + " Appended claim.";
        var copy = db.WriteFile("elsewhere/renamed.txt", string.Join("\n", lines));

        var report = db.Ingest.Ingest([copy]);

        Assert.Equal((0, 0, 0), (report.New, report.Updated, report.Removed));
        Assert.Equal(before, Papers(db));
        // The record starts at its title, the line above the edited abstract.
        var conflict = Assert.Single(report.Conflicts, c => c.KeptFrom.Contains("/004_", StringComparison.Ordinal));
        Assert.Equal(("elsewhere/renamed.txt", edited), (conflict.File, conflict.Line));
        Assert.EndsWith("004_9e61931adc5d9130.txt line " + edited, conflict.KeptFrom, StringComparison.Ordinal);
        // The copy is still recorded as a source of every paper it lists.
        Assert.Equal(db.Scalar("SELECT COUNT(*) FROM sources WHERE file LIKE '%/004_%'"),
            db.Scalar("SELECT COUNT(*) FROM sources WHERE file = 'elsewhere/renamed.txt'"));
    }

    [Fact]
    public void A_listing_ingested_again_may_correct_its_own_abstract()
    {
        using var db = new TempDatabase();
        var path = db.WriteFile("own.txt", $"Paper One\n{Abstract("One.")}\n");
        db.Ingest.Ingest([path]);

        File.WriteAllText(path, $"Paper One\n{Abstract("One.")} A corrected last sentence.\n");
        var report = db.Ingest.Ingest([path]);

        Assert.Equal(1, report.Updated);
        Assert.Empty(report.Conflicts);
        Assert.EndsWith("A corrected last sentence.", Papers(db).Values.Single().Abstract, StringComparison.Ordinal);
    }

    [Fact]
    public void A_later_listing_adds_metadata_the_first_lacked_but_not_its_title_or_abstract()
    {
        using var db = new TempDatabase();
        db.Ingest.Ingest([db.WriteFile("first.txt", $"Paper One\n{Abstract("One.")}\n")]);
        var id = Papers(db).Keys.Single();

        var report = db.Ingest.Ingest([db.WriteFile("second.txt",
            $"3.9CLJul 31, 2022\nPaper OneAnn Lee, Bo Chen et al. · pku\n{Abstract("One.")} And a different ending.\n")]);

        var paper = db.Store.Get(id)!;
        Assert.Equal("Paper One", paper.Title);
        Assert.Equal(Abstract("One."), paper.Abstract);
        Assert.Equal(["Ann Lee", "Bo Chen"], paper.Authors);
        Assert.Equal(2022, paper.Date!.Value.Year);
        Assert.Equal(["first.txt", "second.txt"], paper.Sources.Select(s => s.File));
        Assert.Equal("second.txt", Assert.Single(report.Conflicts).File);
    }

    [Fact]
    public void A_later_record_with_one_papers_title_and_another_papers_abstract_does_not_merge_them()
    {
        using var db = new TempDatabase();
        db.Ingest.Ingest([db.WriteFile("first.txt", $"Paper One\n{Abstract("One.")}\n\nPaper Two\n{Abstract("Two.")}\n")]);
        var before = Papers(db);

        var report = db.Ingest.Ingest([db.WriteFile("swapped.txt", $"Paper One\n{Abstract("Two.")}\n")]);
        var again = db.Ingest.Ingest([db.WriteFile("first.txt", $"Paper One\n{Abstract("One.")}\n\nPaper Two\n{Abstract("Two.")}\n\n")]);

        Assert.Equal((0, 0), (report.Removed, again.Removed));
        Assert.Equal(before, Papers(db));
        Assert.Equal("swapped.txt", Assert.Single(report.Conflicts).File);
    }

    [Theory]
    [InlineData("Abstract:\n")]
    [InlineData("Abstract:   \n\nAbstract:\t\n")]
    [InlineData("A Title Alone\nAbstract:\n")]
    [InlineData("Abstract: … — !!\n")]
    public void A_record_with_no_abstract_text_is_refused_with_its_line_and_nothing_is_stored(string listing)
    {
        using var db = new TempDatabase();
        var path = db.WriteFile("empty.txt", listing);

        var report = db.Ingest.Ingest([path]);

        Assert.NotEmpty(report.Errors);
        Assert.All(report.Errors, e =>
        {
            Assert.Equal("empty.txt", e.File);
            Assert.NotNull(e.Line);
            Assert.Contains("no abstract text", e.Message, StringComparison.Ordinal);
        });
        Assert.Equal(0, db.Scalar("SELECT COUNT(*) FROM papers"));
        Assert.Equal(0, db.Scalar("SELECT COUNT(*) FROM sources"));
    }

    [Fact]
    public void An_empty_record_is_refused_while_the_rest_of_its_file_is_stored()
    {
        using var db = new TempDatabase();
        var path = db.WriteFile("mixed.txt", $"Abstract:\n\nPaper Two\n{Abstract("Two.")}\n");

        var report = db.Ingest.Ingest([path]);

        Assert.Equal(1, Assert.Single(report.Errors).Line);
        Assert.Equal("Paper Two", Papers(db).Values.Single().Title);
    }

    [Fact]
    public async Task A_named_pipe_is_refused_at_once_and_the_other_files_are_ingested()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        using var db = new TempDatabase();
        var pipe = Path.Combine(db.Folder, "pipe.txt");
        Assert.Equal(0, MakeFifo(pipe, 0x180));
        var good = db.WriteFile("good.txt", $"Paper One\n{Abstract("One.")}\n");

        // Before the fix the read blocked until something wrote to the pipe; a timeout here is that failure.
        var report = await Task.Run(() => db.Ingest.Ingest([pipe, good])).WaitAsync(TimeSpan.FromSeconds(60));

        var error = Assert.Single(report.Errors);
        Assert.Equal("pipe.txt", error.File);
        Assert.Contains("named pipe", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, report.New);
    }

    [Fact]
    public void A_link_to_dev_zero_and_a_file_over_the_size_cap_are_refused_with_a_clear_reason()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        using var db = new TempDatabase();
        var zero = Path.Combine(db.Folder, "zero.txt");
        File.CreateSymbolicLink(zero, "/dev/zero");
        var huge = db.WriteFile("huge.txt", new string('a', 5000));
        var ingest = new PaperBot.Core.Ingest.IngestService(db.Factory, TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<PaperBot.Core.Ingest.IngestService>.Instance,
            Microsoft.Extensions.Options.Options.Create(new PaperBot.Core.Ingest.IngestOptions { Root = db.Folder, MaxFileBytes = 4096 }),
            Microsoft.Extensions.Options.Options.Create(new StorageOptions()), new PaperBot.Core.Ingest.UnsharedListingLog());

        var report = ingest.Ingest([zero, huge]);

        Assert.Contains("character device", report.Errors.Single(e => e.File == "zero.txt").Message, StringComparison.Ordinal);
        Assert.Contains("Ingest:MaxFileBytes", report.Errors.Single(e => e.File == "huge.txt").Message, StringComparison.Ordinal);
        Assert.Equal(0, report.Files);
    }

    [Fact]
    public void Terminal_escape_sequences_are_stripped_at_ingest()
    {
        using var db = new TempDatabase();
        var path = db.WriteFile("esc.txt",
            $"Escaped \u001b]0;pwned\u0007Title\u001b[31m Here\u0008\n{Abstract("We \u001b[2Jpropose\u009b1m a \u0007thing.")}\n");

        db.Ingest.Ingest([path]);

        var (title, abstractText) = Papers(db).Values.Single();
        Assert.Equal("Escaped Title Here", title);
        Assert.StartsWith("We propose a thing.", abstractText, StringComparison.Ordinal);
        Assert.DoesNotContain(title + abstractText, c => c < ' ' || c is >= '\u007f' and <= '\u009f');
    }

    [Fact]
    public void The_database_and_its_wal_and_shm_files_are_created_readable_by_the_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var folder = Directory.CreateTempSubdirectory("paperbot-perm-").FullName;
        try
        {
            var path = Path.Combine(folder, "data", "paperbot.db");
            var factory = new SqliteConnectionFactory(path);
            using (var connection = factory.Open())
            using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText = "CREATE TABLE t(x); INSERT INTO t VALUES (1);";
                cmd.ExecuteNonQuery();
                foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                {
                    Assert.True(File.Exists(file), file);
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
                }
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void An_existing_world_readable_database_is_closed_to_other_users_when_opened()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        using var db = new TempDatabase();
        db.Scalar("SELECT 1");
        SqliteConnection.ClearAllPools();
        File.SetUnixFileMode(db.Path, (UnixFileMode)0b110_100_100);

        new SqliteConnectionFactory(db.Path).Open().Dispose();

        Assert.Equal((UnixFileMode)0b110_100_000, File.GetUnixFileMode(db.Path));
    }

    [Fact]
    public void A_database_from_before_migration_10_keeps_its_papers_and_hands_its_old_file_names_to_the_same_files()
    {
        using var db = new TempDatabase();
        db.IngestCorpus();
        var before = Papers(db);
        var sources = db.Scalar("SELECT COUNT(*) FROM sources");
        MakeLegacy(db);
        Assert.Equal(5, db.Scalar("SELECT COUNT(*) FROM ingested_files WHERE file LIKE '00%'"));

        // Opened by this build: migration 10 runs; then the "hello" file of the issue, then the corpus again.
        var upgraded = new TempDatabaseView(db.Path);
        Assert.Equal(SchemaMigrator.LatestVersion, upgraded.Scalar("PRAGMA user_version"));
        Assert.Equal(5, upgraded.Scalar("SELECT COUNT(*) FROM ingested_files WHERE legacy = 1"));
        var hello = db.Ingest.Ingest([db.WriteFile("x/000_4bc6e9206c1e3a16.txt", "hello\n")]);
        var again = db.IngestCorpus();

        Assert.Equal((0, 0, 0), (hello.New, hello.Updated, hello.Removed));
        Assert.Equal((0, 0, 0), (again.New, again.Updated, again.Removed));
        Assert.Equal(before, Papers(db));
        Assert.Equal(sources, db.Scalar("SELECT COUNT(*) FROM sources"));
        Assert.Equal(0, db.Scalar("SELECT COUNT(*) FROM ingested_files WHERE legacy = 1"));
        Assert.Equal(0, db.Scalar("SELECT COUNT(*) FROM sources WHERE file LIKE '00%'"));
    }

    /// <summary>Rewrites a database to what a build before migration 10 left: base names, no legacy or arrival columns.</summary>
    private static void MakeLegacy(TempDatabase db)
    {
        using var connection = db.Factory.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            DROP INDEX ingested_files_legacy;
            ALTER TABLE ingested_files DROP COLUMN legacy;
            ALTER TABLE ingested_files DROP COLUMN arrival;
            UPDATE sources SET file = replace(file, rtrim(file, replace(file, '/', '')), '');
            UPDATE ingested_files SET file = replace(file, rtrim(file, replace(file, '/', '')), '');
            PRAGMA user_version = 9;
            """;
        cmd.ExecuteNonQuery();
        SqliteConnection.ClearAllPools();
    }

    /// <summary>A fresh factory over an existing file, as a new process would open it.</summary>
    private sealed class TempDatabaseView(string path)
    {
        private readonly SqliteConnectionFactory _factory = new(path);

        public long Scalar(string sql)
        {
            using var connection = _factory.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    [DllImport("libc", EntryPoint = "mkfifo")]
    private static extern int MakeFifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);
}
