using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PaperBot.Core.Ingest;

namespace PaperBot.Core.Storage.Postgres;

/// <summary>
/// Moves a single bot's SQLite state into PostgreSQL for replicas: its listings (read again from disk, since the
/// database keeps records, not the files' text), its conversation history, digest subscriptions and outbox, Teams
/// conversation references and accepted work. Then checks the result by building a
/// fresh index from PostgreSQL alone and comparing the counts. Safe to run twice: what is already shared is skipped.
/// </summary>
public sealed class SqliteToPostgresMigration(PostgresDatabase postgres, PostgresListingLog log, IOptions<IngestOptions> ingestOptions, TimeProvider time)
{
    public StorageMigrationReport Run(string sqlitePath, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(sqlitePath))
        {
            throw new FileNotFoundException($"There is no SQLite database at {Path.GetFullPath(sqlitePath)}.", sqlitePath);
        }
        var source = new SqliteConnectionFactory(sqlitePath);
        var root = Path.GetFullPath(string.IsNullOrWhiteSpace(ingestOptions.Value.Root) ? Directory.GetCurrentDirectory() : ingestOptions.Value.Root);

        var (published, alreadyShared, notOnDisk) = PublishListings(source, root, cancellationToken);
        var (copied, turnsShared, turnsInSqlite, turnsInPostgres) = CopyTurns(source);
        IReadOnlyList<SharedStateCopy> tables;
        using (var target = postgres.Open())
        {
            tables = SqliteSharedStateCopier.Copy(source, target, time.GetUtcNow());
        }
        var papers = Scalar(source, "SELECT COUNT(*) FROM papers");
        var rebuilt = RebuildCount(root, cancellationToken);
        return new StorageMigrationReport(published, alreadyShared, notOnDisk, copied, turnsShared, (int)papers, rebuilt, turnsInSqlite, turnsInPostgres, tables);
    }

    private (int Published, int AlreadyShared, List<string> NotOnDisk) PublishListings(SqliteConnectionFactory source, string root, CancellationToken cancellationToken)
    {
        var files = new List<(string Name, string Sha, DateTimeOffset SeenAt)>();
        using (var connection = source.Open())
        using (var cmd = connection.CreateCommand())
        {
            // When the file's papers were first seen here, so replicas built from the log date them the same way.
            cmd.CommandText = """
                SELECT f.file, f.sha256, coalesce((SELECT MIN(p.first_seen) FROM sources s JOIN papers p ON p.id = s.paper_id WHERE s.file = f.file), f.ingested_at)
                FROM ingested_files f ORDER BY f.arrival, f.file
                """;
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                files.Add((reader.GetString(0), reader.GetString(1),
                    DateTimeOffset.Parse(reader.GetString(2), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind)));
            }
        }
        var shared = log.NewestAfter(0, cancellationToken).ToDictionary(h => h.Name, h => h.Sha256, StringComparer.Ordinal);
        var notOnDisk = new List<string>();
        int published = 0, alreadyShared = 0;
        using var publication = log.BeginIngest(cancellationToken);
        foreach (var (name, sha, seenAt) in files)
        {
            if (shared.TryGetValue(name, out var sharedSha) && sharedSha == sha)
            {
                alreadyShared++;
                continue;
            }
            var path = Path.IsPathRooted(name) ? name : Path.Combine(root, name);
            var file = ListingFile.TryRead(name, path, ingestOptions.Value.MaxFileBytes, out var error);
            if (file is null || file.Sha256 != sha)
            {
                notOnDisk.Add(file is null ? $"{name}: {error}" : $"{name}: the file on disk has changed since it was ingested");
                continue;
            }
            publication.Publish(file, seenAt);
            published++;
        }
        publication.Commit();
        return (published, alreadyShared, notOnDisk);
    }

    private (int Copied, int AlreadyShared, long InSqlite, long InPostgres) CopyTurns(SqliteConnectionFactory source)
    {
        using var from = source.Open();
        using var read = from.CreateCommand();
        read.CommandText = "SELECT conversation_id, at, question, standalone_question, answer, cited_json FROM conversation_turns ORDER BY id";
        using var reader = read.ExecuteReader();
        using var to = postgres.Open();
        using var tx = to.BeginTransaction();
        int copied = 0, already = 0;
        long inSqlite = 0;
        while (reader.Read())
        {
            inSqlite++;
            using var insert = new NpgsqlCommand("""
                INSERT INTO conversation_turns (conversation_id, at, question, standalone_question, answer, cited_json)
                SELECT @conversation, @at, @question, @standalone, @answer, @cited
                WHERE NOT EXISTS (SELECT 1 FROM conversation_turns WHERE conversation_id = @conversation AND at = @at AND question = @question)
                """, to, tx);
            insert.Parameters.AddWithValue("conversation", reader.GetString(0));
            insert.Parameters.AddWithValue("at", DateTimeOffset.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture).UtcDateTime);
            insert.Parameters.AddWithValue("question", reader.GetString(2));
            insert.Parameters.AddWithValue("standalone", reader.GetString(3));
            insert.Parameters.AddWithValue("answer", reader.GetString(4));
            insert.Parameters.AddWithValue("cited", reader.GetString(5));
            if (insert.ExecuteNonQuery() == 1)
            {
                copied++;
            }
            else
            {
                already++;
            }
        }
        tx.Commit();
        using var count = new NpgsqlCommand("SELECT count(*) FROM conversation_turns", to);
        return (copied, already, inSqlite, Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>How many papers a replica built from PostgreSQL alone holds: a new index in a temporary folder, caught up from the log.</summary>
    private int RebuildCount(string root, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("paperbot-migrate-check-").FullName;
        try
        {
            var index = new SqliteConnectionFactory(Path.Combine(folder, "check.db"));
            var ingest = new IngestService(index, time, NullLogger<IngestService>.Instance,
                Options.Create(new IngestOptions { Root = root, MaxFileBytes = ingestOptions.Value.MaxFileBytes }),
                Options.Create(new StorageOptions { Database = index.DatabasePath }), log);
            ingest.CatchUpShared(cancellationToken);
            return (int)Scalar(index, "SELECT COUNT(*) FROM papers");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static long Scalar(SqliteConnectionFactory database, string sql)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
