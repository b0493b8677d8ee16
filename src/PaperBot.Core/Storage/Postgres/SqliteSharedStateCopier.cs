using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace PaperBot.Core.Storage.Postgres;

/// <summary>
/// The part of <c>migrate-storage</c> that moves state rather than listings: digest subscriptions, the digest outbox
/// with its parts, Teams conversation references, the accepted-work journal, paper vectors and the ingest history, in
/// one PostgreSQL transaction. The
/// single bot must be stopped while it runs: a digest it was sending is copied as pending (its parts' states kept,
/// so a part that may have landed is not posted again), and work it had accepted is copied unheld, for the first
/// replica that looks. Safe to repeat: rows already there (by their keys) are counted, not copied twice.
/// </summary>
internal static class SqliteSharedStateCopier
{
    public static IReadOnlyList<SharedStateCopy> Copy(SqliteConnectionFactory source, NpgsqlConnection target, DateTimeOffset now)
    {
        using var from = source.Open();
        using var tx = target.BeginTransaction();
        var copies = new List<SharedStateCopy>
        {
            Subscriptions(from, target, tx),
        };
        copies.AddRange(Outbox(from, target, tx, now));
        copies.Add(References(from, target, tx));
        copies.Add(AcceptedWork(from, target, tx));
        copies.Add(Embeddings(from, target, tx));
        copies.Add(IngestRuns(from, target, tx, Path.GetFileName(source.DatabasePath)));
        tx.Commit();
        return copies;
    }

    private static SharedStateCopy Subscriptions(SqliteConnection from, NpgsqlConnection to, NpgsqlTransaction tx)
    {
        var tally = new Tally("digest subscriptions");
        foreach (var r in Rows(from, """
            SELECT id, target_kind, target_address, cron, time_zone, keywords_json, min_upvotes, max_items, active, origin, config_name,
                created_by, created_at, anchor_at, covered_until, deactivated_at, deactivated_reason FROM digest_subscriptions ORDER BY created_at, id
            """))
        {
            var inserted = Execute(to, tx, """
                INSERT INTO digest_subscriptions (id, target_kind, target_address, cron, time_zone, keywords_json, min_upvotes, max_items, active,
                    origin, config_name, created_by, created_at, anchor_at, covered_until, deactivated_at, deactivated_reason)
                VALUES (@id, @kind, @address, @cron, @tz, @keywords, @min, @max, @active, @origin, @config, @by, @created, @anchor, @covered,
                    @deactivated, @reason)
                ON CONFLICT DO NOTHING
                """, ("id", r[0]), ("kind", r[1]), ("address", r[2]), ("cron", r[3]), ("tz", r[4]), ("keywords", r[5]),
                ("min", Convert.ToInt32(r[6], CultureInfo.InvariantCulture)), ("max", Convert.ToInt32(r[7], CultureInfo.InvariantCulture)),
                ("active", Convert.ToInt64(r[8], CultureInfo.InvariantCulture) != 0), ("origin", r[9]), ("config", r[10]), ("by", r[11]),
                ("created", Time(r[12])), ("anchor", Time(r[13])), ("covered", Time(r[14])), ("deactivated", Time(r[15])), ("reason", r[16]));
            tally.Count(inserted, () => Exists(to, tx, "SELECT EXISTS (SELECT 1 FROM digest_subscriptions WHERE id = @a)", r[0]),
                $"{r[0]}: a subscription with the configured name \"{r[10]}\" already exists in PostgreSQL");
        }
        return tally.Result();
    }

    private static IEnumerable<SharedStateCopy> Outbox(SqliteConnection from, NpgsqlConnection to, NpgsqlTransaction tx, DateTimeOffset now)
    {
        var digests = new Tally("digest outbox");
        var parts = new Tally("digest outbox parts");
        var ids = new Dictionary<long, long>();
        foreach (var r in Rows(from, """
            SELECT id, subscription_id, period_at, window_start, window_end, state, content_json, part_count, attempts, next_attempt_at,
                last_error, created_at, finished_at FROM digest_outbox ORDER BY id
            """))
        {
            if (!Exists(to, tx, "SELECT EXISTS (SELECT 1 FROM digest_subscriptions WHERE id = @a)", r[1]))
            {
                digests.Count(0, () => false, $"digest {r[0]} of {r[1]}: its subscription is not in PostgreSQL");
                continue;
            }
            // The stopped bot's claim means nothing to the replicas: a digest it was sending waits for the first of them.
            var claimed = (string)r[5]! == "claimed";
            using var insert = new NpgsqlCommand("""
                INSERT INTO digest_outbox (subscription_id, period_at, window_start, window_end, state, content_json, part_count, attempts,
                    next_attempt_at, last_error, created_at, finished_at)
                VALUES (@s, @period, @start, @end, @state, @content, @parts, @attempts, @next, @error, @created, @finished)
                ON CONFLICT (subscription_id, period_at) DO NOTHING
                RETURNING id
                """, to, tx);
            Add(insert, ("s", r[1]), ("period", Time(r[2])), ("start", Time(r[3])), ("end", Time(r[4])), ("state", claimed ? "pending" : r[5]),
                ("content", r[6]), ("parts", r[7] is null ? null : (object)Convert.ToInt32(r[7], CultureInfo.InvariantCulture)),
                ("attempts", Convert.ToInt32(r[8], CultureInfo.InvariantCulture)), ("next", claimed ? now.ToUniversalTime() : Time(r[9])),
                ("error", r[10]), ("created", Time(r[11])), ("finished", Time(r[12])));
            var newId = insert.ExecuteScalar();
            if (newId is long id)
            {
                ids[(long)r[0]!] = id;
            }
            digests.Count(newId is long ? 1 : 0, () => Exists(to, tx,
                "SELECT EXISTS (SELECT 1 FROM digest_outbox WHERE subscription_id = @a AND period_at = @b)", r[1], Time(r[2])), "");
        }
        foreach (var r in Rows(from, "SELECT outbox_id, part, state, idempotency_key, message_id, started_at, sent_at FROM digest_outbox_parts ORDER BY outbox_id, part"))
        {
            if (!ids.TryGetValue((long)r[0]!, out var outboxId))
            {
                // Its digest was copied by an earlier run, parts with it; or not copied at all (counted above).
                parts.Count(0, () => true, "");
                continue;
            }
            var inserted = Execute(to, tx, """
                INSERT INTO digest_outbox_parts (outbox_id, part, state, idempotency_key, message_id, sent_by, started_at, sent_at)
                VALUES (@id, @part, @state, @key, @message, 'migrated from SQLite', @started, @sent)
                ON CONFLICT DO NOTHING
                """, ("id", outboxId), ("part", Convert.ToInt32(r[1], CultureInfo.InvariantCulture)), ("state", r[2]), ("key", r[3]), ("message", r[4]),
                ("started", Time(r[5])), ("sent", Time(r[6])));
            parts.Count(inserted, () => true, "");
        }
        return [digests.Result(), parts.Result()];
    }

    private static SharedStateCopy References(SqliteConnection from, NpgsqlConnection to, NpgsqlTransaction tx)
    {
        var tally = new Tally("Teams conversation references");
        foreach (var r in Rows(from, """
            SELECT channel, conversation_id, service_url, conversation_type, tenant_id, team_id, channel_thread_id, bot_id, bot_name, user_id,
                user_name, user_aad_object_id, last_activity_id, locale, active, inactive_reason, created_at, updated_at FROM conversation_references
            """))
        {
            var inserted = Execute(to, tx, """
                INSERT INTO conversation_references (channel, conversation_id, service_url, conversation_type, tenant_id, team_id,
                    channel_thread_id, bot_id, bot_name, user_id, user_name, user_aad_object_id, last_activity_id, locale, active,
                    inactive_reason, created_at, updated_at)
                VALUES (@channel, @conversation, @url, @type, @tenant, @team, @thread, @bot, @botName, @user, @userName, @aad, @activity,
                    @locale, @active, @reason, @created, @updated)
                ON CONFLICT DO NOTHING
                """, ("channel", r[0]), ("conversation", r[1]), ("url", r[2]), ("type", r[3]), ("tenant", r[4]), ("team", r[5]), ("thread", r[6]),
                ("bot", r[7]), ("botName", r[8]), ("user", r[9]), ("userName", r[10]), ("aad", r[11]), ("activity", r[12]), ("locale", r[13]),
                ("active", Convert.ToInt64(r[14], CultureInfo.InvariantCulture) != 0), ("reason", r[15]), ("created", Time(r[16])), ("updated", Time(r[17])));
            tally.Count(inserted, () => true, "");
        }
        return tally.Result();
    }

    private static SharedStateCopy AcceptedWork(SqliteConnection from, NpgsqlConnection to, NpgsqlTransaction tx)
    {
        var tally = new Tally("accepted work");
        foreach (var r in Rows(from, "SELECT channel, id, received_at, payload, finished_at, replying_at FROM accepted_work"))
        {
            // Unheld: the first replica that looks for unfinished work takes it, as the bot's own next start would have;
            // one whose reply had started is taken in doubt, as that start would have taken it.
            var inserted = Execute(to, tx, """
                INSERT INTO accepted_work (channel, id, received_at, payload, finished_at, replying_at) VALUES (@channel, @id, @received, @payload, @finished, @replying)
                ON CONFLICT DO NOTHING
                """, ("channel", r[0]), ("id", r[1]),
                ("received", DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(r[2], CultureInfo.InvariantCulture))), ("payload", r[3]),
                ("finished", r[4] is null ? null : (object)DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(r[4], CultureInfo.InvariantCulture))),
                ("replying", r[5] is null ? null : (object)DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(r[5], CultureInfo.InvariantCulture))));
            tally.Count(inserted, () => true, "");
        }
        return tally.Result();
    }

    /// <summary>
    /// The vectors of every paper as it is now (a row for an older version of a paper helps no replica), so replicas
    /// built from the log copy them instead of embedding the corpus again. A claim row a replica left is filled in.
    /// </summary>
    private static SharedStateCopy Embeddings(SqliteConnection from, NpgsqlConnection to, NpgsqlTransaction tx)
    {
        var tally = new Tally("paper embeddings");
        using var read = from.CreateCommand();
        read.CommandText = """
            SELECT e.model, e.content_hash, e.paper_id, e.dimensions, e.vector FROM paper_embeddings e
            JOIN papers p ON p.id = e.paper_id AND p.text_hash = e.content_hash ORDER BY p.seq, e.model
            """;
        using var reader = read.ExecuteReader();
        using var insert = new NpgsqlCommand("""
            INSERT INTO paper_embeddings (model, content_hash, paper_id, dimensions, vectors, embedded_by, embedded_at)
            VALUES (@model, @hash, @id, @dims, @vectors, 'migrated from SQLite', now())
            ON CONFLICT (model, content_hash) DO UPDATE SET dimensions = excluded.dimensions, vectors = excluded.vectors,
                embedded_by = excluded.embedded_by, embedded_at = excluded.embedded_at, claimed_by = NULL, lease_until = NULL
            WHERE paper_embeddings.vectors IS NULL
            """, to, tx);
        var model = insert.Parameters.Add("model", NpgsqlTypes.NpgsqlDbType.Text);
        var hash = insert.Parameters.Add("hash", NpgsqlTypes.NpgsqlDbType.Text);
        var id = insert.Parameters.Add("id", NpgsqlTypes.NpgsqlDbType.Text);
        var dims = insert.Parameters.Add("dims", NpgsqlTypes.NpgsqlDbType.Integer);
        var vectors = insert.Parameters.Add("vectors", NpgsqlTypes.NpgsqlDbType.Bytea);
        while (reader.Read())
        {
            model.Value = reader.GetString(0);
            hash.Value = reader.GetString(1);
            id.Value = reader.GetString(2);
            dims.Value = reader.GetInt32(3);
            vectors.Value = (byte[])reader.GetValue(4);
            // Rows by (model, content hash) are only ever written with the vectors of that text: one already there is the same.
            tally.Count(insert.ExecuteNonQuery(), () => true, "");
        }
        return tally.Result();
    }

    /// <summary>The single bot's ingest history, so <c>paperbot stats</c> on any replica counts the runs from before the move too.</summary>
    private static SharedStateCopy IngestRuns(SqliteConnection from, NpgsqlConnection to, NpgsqlTransaction tx, string file)
    {
        var tally = new Tally("ingest runs");
        foreach (var r in Rows(from, "SELECT id, started_at, finished_at, report_json FROM ingest_runs ORDER BY id"))
        {
            using var report = System.Text.Json.JsonDocument.Parse((string)r[3]!);
            int Figure(string name) => report.RootElement.TryGetProperty(name, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.Number ? v.GetInt32() : 0;
            var errors = report.RootElement.TryGetProperty("errors", out var e) && e.ValueKind == System.Text.Json.JsonValueKind.Array ? e.GetArrayLength() : 0;
            // Named by the file and its run number: running the migration again finds it and copies nothing twice.
            var source = string.Create(CultureInfo.InvariantCulture, $"{file}, ingest run {r[0]}");
            var inserted = Execute(to, tx, """
                INSERT INTO ingest_runs (replica, source, started_at, finished_at, files, records, papers, new_papers, updated, removed, errors, report_json)
                SELECT 'migrated from SQLite', @source, @started, @finished, @files, @records, @papers, @new, @updated, @removed, @errors, @report
                WHERE NOT EXISTS (SELECT 1 FROM ingest_runs WHERE replica = 'migrated from SQLite' AND source = @source)
                """, ("source", source), ("started", Time(r[1])), ("finished", Time(r[2])), ("files", Figure("files")), ("records", Figure("records")),
                ("papers", Figure("papers")), ("new", Figure("new")), ("updated", Figure("updated")), ("removed", Figure("removed")), ("errors", errors),
                ("report", r[3]));
            tally.Count(inserted, () => true, "");
        }
        return tally.Result();
    }

    /// <summary>Counts one table's rows: copied, already there, or named as not copied.</summary>
    private sealed class Tally(string table)
    {
        private long _inSqlite;
        private int _copied;
        private int _already;
        private readonly List<string> _notCopied = [];

        public void Count(int inserted, Func<bool> alreadyThere, string whyNot)
        {
            _inSqlite++;
            if (inserted == 1)
            {
                _copied++;
            }
            else if (alreadyThere())
            {
                _already++;
            }
            else
            {
                _notCopied.Add(whyNot);
            }
        }

        public SharedStateCopy Result() => new(table, _inSqlite, _copied, _already, _notCopied);
    }

    private static List<object?[]> Rows(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    private static DateTimeOffset? Time(object? stored) => stored is string s
        ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).ToUniversalTime()
        : null;

    private static bool Exists(NpgsqlConnection to, NpgsqlTransaction tx, string sql, object? a, object? b = null)
    {
        using var cmd = new NpgsqlCommand(sql, to, tx);
        Add(cmd, ("a", a), ("b", b));
        return cmd.ExecuteScalar() is true;
    }

    private static int Execute(NpgsqlConnection to, NpgsqlTransaction tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = new NpgsqlCommand(sql, to, tx);
        Add(cmd, parameters);
        return cmd.ExecuteNonQuery();
    }

    private static void Add(NpgsqlCommand cmd, params (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            if (cmd.CommandText.Contains("@" + name, StringComparison.Ordinal))
            {
                cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }
        }
    }
}
