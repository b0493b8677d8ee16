using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using PaperBot.Core.Storage;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Operations;

/// <summary><c>paperbot backup</c> and the automatic backup before a migration, on real database files.</summary>
public sealed class BackupTests : IDisposable
{
    // A copy of the corpus ingested once per test run: these tests need a real database of that size, not an ingest.
    private readonly TempDatabase _db = TempDatabase.WithCorpus(withVectors: false);

    public void Dispose() => _db.Dispose();

    private static long Papers(string file)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM papers";
        return (long)cmd.ExecuteScalar()!;
    }

    // Enough that the writer's transaction (ingest parses first, then writes) outlasts a backup on an idle machine.
    private const int WriterPapers = 30_000;

    [Fact]
    public async Task A_backup_taken_while_another_process_writes_is_a_valid_database_with_the_committed_paper_count()
    {
        var before = _db.Store.CountPapers();
        SqliteConnection.ClearAllPools();
        // Another process ingests thousands of papers in one long write transaction while the backup runs.
        var listing = new StringBuilder();
        for (var i = 0; i < WriterPapers; i++)
        {
            listing.Append(PaperBot.Tests.Digest.TestPaper.About("lattice verification").ToListing());
        }
        var file = _db.WriteFile("big/listing.txt", listing.ToString());
        using var writer = Process.Start(PaperBotProcess.StartInfo(_db.Folder, null, "ingest", file, "--db", _db.Path))!;
        var writerOutput = writer.StandardOutput.ReadToEndAsync();
        var writerErrors = writer.StandardError.ReadToEndAsync();
        await WaitForWriteLockAsync(writer, writerOutput, writerErrors);

        var backup = DatabaseBackup.Create(_db.Path, Path.Combine(_db.Folder, "backups", "during-ingest.db"));
        var lockStillHeld = IsWriteLocked();

        Assert.True(writer.WaitForExit(120_000), "the writer did not finish");
        Assert.True(writer.ExitCode == 0, await writerErrors + await writerOutput);
        Assert.True(lockStillHeld, "the writer finished before the backup did, so the backup did not run alongside it");
        Assert.Equal(before, backup.Papers);
        Assert.Equal(before, Papers(backup.File));
        Assert.Equal(SchemaMigrator.LatestVersion, backup.SchemaVersion);
        Assert.Equal(before + WriterPapers, Papers(_db.Path)); // the writer really wrote
    }

    [Fact]
    public async Task The_backup_verb_writes_a_checked_copy_and_never_overwrites()
    {
        var papers = _db.Store.CountPapers();
        SqliteConnection.ClearAllPools();
        var target = Path.Combine(_db.Folder, "out", "copy.db");

        var (code, stdout, stderr) = await PaperBotProcess.RunAsync(_db.Folder, null, "backup", "--out", target, "--db", _db.Path);

        Assert.True(code == 0, stderr);
        Assert.Contains($"{papers} papers", stdout, StringComparison.Ordinal);
        Assert.Contains("integrity ok", stdout, StringComparison.Ordinal);
        Assert.Equal(papers, Papers(target));
        Assert.False(File.Exists(target + ".partial"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(target)); // it holds what the database holds
        }

        var again = await PaperBotProcess.RunAsync(_db.Folder, null, "backup", "--out", target, "--db", _db.Path);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_at_an_older_schema_is_backed_up_before_it_is_migrated()
    {
        var path = Path.Combine(_db.Folder, "old", "paperbot.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var old = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            old.Open();
            using var cmd = old.CreateCommand();
            cmd.CommandText = SchemaMigrator.Migrations.Single(m => m.Version == 1).Sql + "\nPRAGMA user_version = 1;" +
                "\nINSERT INTO papers(id, title, abstract, content_hash, first_seen, updated_at) VALUES ('abc123', 'T', 'A', 'h', '2026-01-01T00:00:00.0000000+00:00', '2026-01-01T00:00:00.0000000+00:00');";
            cmd.ExecuteNonQuery();
        }

        using (var connection = new SqliteConnectionFactory(path).Open())
        {
            Assert.Equal(SchemaMigrator.LatestVersion, SchemaMigrator.CurrentVersion(connection));
        }

        var backup = Assert.Single(Directory.GetFiles(Path.Combine(_db.Folder, "old", "backups")));
        Assert.Contains($"paperbot-v1-before-v{SchemaMigrator.LatestVersion}-", Path.GetFileName(backup), StringComparison.Ordinal);
        var copy = DatabaseBackup.Inspect(backup);
        Assert.Equal(1, copy.SchemaVersion);
        Assert.Equal(1, copy.Papers);
    }

    private bool IsWriteLocked()
    {
        // DefaultTimeout 1: Microsoft.Data.Sqlite retries a busy BEGIN until it runs out.
        using var probe = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _db.Path, Pooling = false, DefaultTimeout = 1 }.ToString());
        probe.Open();
        using (var pragma = probe.CreateCommand())
        {
            pragma.CommandText = "PRAGMA busy_timeout=0;";
            pragma.ExecuteNonQuery();
        }
        try
        {
            using var write = probe.BeginTransaction(deferred: false);
            write.Rollback();
            return false;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 5)
        {
            return true;
        }
    }

    private async Task WaitForWriteLockAsync(Process writer, Task<string> output, Task<string> errors)
    {
        await Eventually.TrueAsync(() => IsWriteLocked() || writer.HasExited, "the writer to take the write lock", TimeSpan.FromSeconds(90));
        Assert.False(writer.HasExited && !IsWriteLocked(), "the writer ended before it was seen writing: " + (writer.HasExited ? await errors + await output : ""));
    }
}
