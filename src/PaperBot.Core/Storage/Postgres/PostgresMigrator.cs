using Microsoft.Extensions.Logging;
using Npgsql;

namespace PaperBot.Core.Storage.Postgres;

/// <summary>
/// Numbered PostgreSQL migrations, separate from SQLite's. They run under a transaction-scoped advisory lock, so
/// however many replicas start at once, each migration runs once; a replica older than the database refuses to run.
/// Append new ones at the end and never edit one that has shipped.
/// </summary>
public static class PostgresMigrator
{
    /// <summary>Advisory lock key for migrations: "PBMIGRAT" read as a number, so no other lock of ours collides.</summary>
    public const long MigrationLockKey = 0x50424D4947524154;

    public static IReadOnlyList<PostgresMigration> Migrations { get; } =
    [
        new(1, "the shared listing log, conversation turns", """
            -- Every listing file any replica ingested, in the order it was published. Each replica's SQLite index is
            -- the result of applying this log in order; the newest entry of a name is what that name holds now.
            CREATE TABLE listing_log (
                seq bigserial PRIMARY KEY,
                name text NOT NULL,
                sha256 text NOT NULL,
                content text NOT NULL,
                published_at timestamptz NOT NULL DEFAULT now(),
                published_by text NOT NULL
            );
            CREATE INDEX listing_log_name ON listing_log (name, seq DESC);

            CREATE TABLE conversation_turns (
                id bigserial PRIMARY KEY,
                conversation_id text NOT NULL,
                at timestamptz NOT NULL,
                question text NOT NULL,
                standalone_question text NOT NULL,
                answer text NOT NULL,
                cited_json text NOT NULL
            );
            CREATE INDEX conversation_turns_conversation ON conversation_turns (conversation_id, id DESC);
            CREATE INDEX conversation_turns_at ON conversation_turns (at);
            """),
    ];

    public static int LatestVersion => Migrations.Max(m => m.Version);

    public static void Migrate(NpgsqlConnection connection, ILogger logger)
    {
        using var tx = connection.BeginTransaction();
        Execute(connection, tx, $"SELECT pg_advisory_xact_lock({MigrationLockKey})");
        Execute(connection, tx, """
            CREATE TABLE IF NOT EXISTS paperbot_schema (
                version integer PRIMARY KEY,
                description text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """);
        using var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM paperbot_schema", connection, tx);
        var current = Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (current > LatestVersion)
        {
            throw new SchemaTooNewException(
                $"The PostgreSQL database is at PaperBot schema version {current}, newer than this build knows ({LatestVersion}). Upgrade PaperBot.");
        }
        foreach (var migration in Migrations.Where(m => m.Version > current).OrderBy(m => m.Version))
        {
            Execute(connection, tx, migration.Sql);
            using var record = new NpgsqlCommand("INSERT INTO paperbot_schema (version, description) VALUES (@version, @description)", connection, tx);
            record.Parameters.AddWithValue("version", migration.Version);
            record.Parameters.AddWithValue("description", migration.Description);
            record.ExecuteNonQuery();
            logger.LogInformation("PostgreSQL schema migrated to version {Version}: {Description}", migration.Version, migration.Description);
        }
        tx.Commit();
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction tx, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, connection, tx);
        cmd.ExecuteNonQuery();
    }
}
