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
        new(2, "digest subscriptions and the digest outbox", """
            CREATE TABLE digest_subscriptions (
                id text PRIMARY KEY,
                target_kind text NOT NULL,
                target_address text NOT NULL,
                cron text NOT NULL,
                time_zone text NOT NULL,
                keywords_json text NOT NULL DEFAULT '[]',
                min_upvotes integer NOT NULL DEFAULT 0,
                max_items integer NOT NULL,
                active boolean NOT NULL DEFAULT true,
                origin text NOT NULL,
                -- Unique, so replicas applying the same Digest:Subscriptions at start-up make one subscription, not one each.
                config_name text UNIQUE,
                created_by text,
                created_at timestamptz NOT NULL,
                -- The latest due time already turned into a digest; due times up to here are never composed again.
                anchor_at timestamptz NOT NULL,
                -- Papers first seen up to here were delivered (or there were none); moves only on confirmed delivery.
                covered_until timestamptz NOT NULL,
                deactivated_at timestamptz,
                deactivated_reason text
            );
            CREATE INDEX digest_subscriptions_target ON digest_subscriptions (target_kind, target_address);

            -- One digest per (subscription, due time): the unique key is what makes a period's digest happen once,
            -- however many replicas find it due. claimed_by and lease_until say which replica is sending it and until
            -- when; a lease that runs out (the replica died) lets another take it over.
            CREATE TABLE digest_outbox (
                id bigserial PRIMARY KEY,
                subscription_id text NOT NULL REFERENCES digest_subscriptions (id) ON DELETE CASCADE,
                period_at timestamptz NOT NULL,
                window_start timestamptz NOT NULL,
                window_end timestamptz NOT NULL,
                state text NOT NULL CHECK (state IN ('pending', 'claimed', 'sent', 'empty', 'in_doubt', 'failed', 'cancelled')),
                content_json text NOT NULL,
                part_count integer,
                attempts integer NOT NULL DEFAULT 0,
                next_attempt_at timestamptz NOT NULL,
                claimed_by text,
                lease_until timestamptz,
                last_error text,
                created_at timestamptz NOT NULL,
                finished_at timestamptz,
                UNIQUE (subscription_id, period_at)
            );
            CREATE INDEX digest_outbox_unfinished ON digest_outbox (next_attempt_at) WHERE state IN ('pending', 'claimed');

            -- A part is 'sending' from just before its POST until the response is recorded as 'sent'.
            CREATE TABLE digest_outbox_parts (
                outbox_id bigint NOT NULL REFERENCES digest_outbox (id) ON DELETE CASCADE,
                part integer NOT NULL,
                state text NOT NULL CHECK (state IN ('sending', 'sent')),
                idempotency_key text NOT NULL,
                message_id text,
                sent_by text NOT NULL,
                started_at timestamptz NOT NULL,
                sent_at timestamptz,
                PRIMARY KEY (outbox_id, part)
            );
            """),
        new(3, "Teams conversation references", """
            -- Where the bot may post proactively (digests, late answers): written by whichever replica received the
            -- conversation's last activity, read by whichever replica sends.
            CREATE TABLE conversation_references (
                channel text NOT NULL,
                conversation_id text NOT NULL,
                service_url text NOT NULL,
                conversation_type text,
                tenant_id text,
                team_id text,
                channel_thread_id text,
                bot_id text NOT NULL,
                bot_name text,
                user_id text,
                user_name text,
                user_aad_object_id text,
                last_activity_id text,
                locale text,
                active boolean NOT NULL DEFAULT true,
                inactive_reason text,
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL,
                PRIMARY KEY (channel, conversation_id)
            );
            """),
        new(4, "the accepted-work journal with claims", """
            -- What a channel acknowledged, written before the acknowledgement; the (channel, id) key is also the replay
            -- check, across replicas. A row is unfinished while it has a payload; claimed_by and lease_until say which
            -- replica is doing it and until when; a replica that dies stops renewing, and another takes the work over.
            CREATE TABLE accepted_work (
                channel text NOT NULL,
                id text NOT NULL,
                received_at timestamptz NOT NULL,
                payload text,
                claimed_by text,
                lease_until timestamptz,
                finished_at timestamptz,
                PRIMARY KEY (channel, id)
            );
            CREATE INDEX accepted_work_unfinished ON accepted_work (channel, received_at) WHERE payload IS NOT NULL;
            CREATE INDEX accepted_work_finished ON accepted_work (received_at) WHERE payload IS NULL;
            """),
        new(5, "paper vectors shared between replicas", """
            -- A paper's passage vectors for one storage model (which names the passage window), keyed by its content hash:
            -- the vectors depend on nothing else, so every replica holding that paper can copy them instead of embedding
            -- it again. A row without vectors is a claim: the replica in claimed_by is embedding it until lease_until;
            -- when that passes (the replica died), another replica claims it.
            CREATE TABLE paper_embeddings (
                model text NOT NULL,
                content_hash text NOT NULL,
                paper_id text NOT NULL,
                dimensions integer,
                vectors bytea,
                claimed_by text,
                lease_until timestamptz,
                embedded_by text,
                embedded_at timestamptz,
                PRIMARY KEY (model, content_hash),
                CHECK ((vectors IS NULL) = (dimensions IS NULL))
            );
            """),
        new(6, "ingest runs of every replica", """
            -- The ingest history every replica reports: one row per ingest a replica ran and published (CLI, inbox, fetch,
            -- the first corpus). Applying another replica's listings is not a run of its own: its publisher recorded it.
            CREATE TABLE ingest_runs (
                id bigserial PRIMARY KEY,
                replica text NOT NULL,
                source text NOT NULL,
                started_at timestamptz NOT NULL,
                finished_at timestamptz NOT NULL,
                files integer NOT NULL,
                records integer NOT NULL,
                papers integer NOT NULL,
                new_papers integer NOT NULL,
                updated integer NOT NULL,
                removed integer NOT NULL,
                errors integer NOT NULL,
                report_json text NOT NULL
            );
            CREATE INDEX ingest_runs_finished ON ingest_runs (finished_at DESC);
            """),
        new(7, "ingest work claimed by one replica", """
            -- Inbox files (by name, size and content) and fetch periods (by source and period), each done by the replica
            -- that claims it first. A claim lasts until lease_until; a replica that dies holding one has its work taken
            -- over when the lease runs out. A finished row (done or failed) stays, so the work is not done again.
            CREATE TABLE ingest_claims (
                kind text NOT NULL CHECK (kind IN ('inbox', 'fetch')),
                key text NOT NULL,
                state text NOT NULL CHECK (state IN ('claimed', 'done', 'failed')),
                claimed_by text NOT NULL,
                claimed_at timestamptz NOT NULL,
                lease_until timestamptz,
                finished_at timestamptz,
                outcome text,
                PRIMARY KEY (kind, key)
            );
            """),
        new(8, "accepted work: whose hold is current, and whether its reply has started", """
            -- hold: a token new at every accept and every claim. A replica sends a reply only after one conditional
            -- UPDATE has found its token still current and set replying_at, so a slow replica whose work another took
            -- over sends nothing, and a replica taking work over leaves alone what its holder is replying to. A row
            -- still replying a whole lease after its hold ran out is taken over as "in doubt": not answered again.
            ALTER TABLE accepted_work ADD COLUMN hold text, ADD COLUMN replying_at timestamptz;
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
