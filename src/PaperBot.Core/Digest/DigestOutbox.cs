using System.Text.Json;
using Microsoft.Data.Sqlite;
using PaperBot.Core.Storage;

namespace PaperBot.Core.Digest;

/// <summary>
/// The outbox in SQLite (see <see cref="IDigestOutbox"/>): for one process, or the server and a CLI send-now on one
/// file. SQLite serialises writers, so a claim is a conditional UPDATE.
/// </summary>
public sealed class DigestOutbox(SqliteConnectionFactory database) : IDigestOutbox
{
    private const string Columns = """
        o.id, o.subscription_id, o.period_at, o.state, o.content_json, o.attempts, o.part_count, o.next_attempt_at,
        o.last_error, o.created_at, o.finished_at,
        (SELECT COUNT(*) FROM digest_outbox_parts p WHERE p.outbox_id = o.id AND p.state = 'sent')
        """;

    public bool HasUnfinished(string subscriptionId)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM digest_outbox WHERE subscription_id = $s AND state IN ('pending', 'claimed')";
        cmd.Parameters.AddWithValue("$s", subscriptionId);
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>When the earliest unfinished row may next be tried: a pending row's retry time or a claim's expiry.</summary>
    public DateTimeOffset? NextAttemptAt()
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT MIN(t) FROM (
                SELECT next_attempt_at AS t FROM digest_outbox WHERE state = 'pending'
                UNION ALL SELECT claimed_until FROM digest_outbox WHERE state = 'claimed')
            """;
        return StoredTime.ParseOrNull(cmd.ExecuteScalar());
    }

    /// <summary>
    /// Adds the digest for a due time and moves the subscription's anchor to it, in one transaction. Returns false
    /// when that period already has a digest (another process got there first). An empty digest that is not to be
    /// posted is stored as done and moves the covered window on at once.
    /// </summary>
    public bool Enqueue(string subscriptionId, DateTimeOffset periodAt, DigestContent content, bool postIt, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        var inserted = Execute(connection, tx, """
            INSERT OR IGNORE INTO digest_outbox(subscription_id, period_at, window_start, window_end, state, content_json, attempts,
                next_attempt_at, created_at, finished_at)
            VALUES ($s, $period, $start, $end, $state, $content, 0, $now, $now, $finished)
            """,
            ("$s", subscriptionId), ("$period", StoredTime.Format(periodAt)), ("$start", StoredTime.Format(content.WindowStart)),
            ("$end", StoredTime.Format(content.WindowEnd)), ("$state", postIt ? "pending" : "empty"),
            ("$content", JsonSerializer.Serialize(content)), ("$now", StoredTime.Format(now)),
            ("$finished", postIt ? null : StoredTime.Format(now))) == 1;
        Execute(connection, tx, "UPDATE digest_subscriptions SET anchor_at = $period WHERE id = $s AND anchor_at < $period",
            ("$s", subscriptionId), ("$period", StoredTime.Format(periodAt)));
        if (inserted && !postIt)
        {
            AdvanceCovered(connection, tx, subscriptionId, content.WindowEnd);
        }
        tx.Commit();
        return inserted;
    }

    /// <summary>Rows ready to send: pending and due for an attempt, or claimed by a process whose lease ran out.</summary>
    public IReadOnlyList<DigestOutboxEntry> Deliverable(DateTimeOffset now, string? subscriptionId = null)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"""
            SELECT {Columns} FROM digest_outbox o
            WHERE ((o.state = 'pending' AND o.next_attempt_at <= $now) OR (o.state = 'claimed' AND o.claimed_until < $now))
              AND ($s IS NULL OR o.subscription_id = $s)
            ORDER BY o.period_at, o.id
            """;
        cmd.Parameters.AddWithValue("$now", StoredTime.Format(now));
        cmd.Parameters.AddWithValue("$s", (object?)subscriptionId ?? DBNull.Value);
        return ReadAll(cmd);
    }

    public IReadOnlyList<DigestOutboxEntry> Recent(string subscriptionId, int limit)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT {Columns} FROM digest_outbox o WHERE o.subscription_id = $s ORDER BY o.period_at DESC, o.id DESC LIMIT $limit";
        cmd.Parameters.AddWithValue("$s", subscriptionId);
        cmd.Parameters.AddWithValue("$limit", limit);
        return ReadAll(cmd);
    }

    public DigestOutboxEntry? Get(long id)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT {Columns} FROM digest_outbox o WHERE o.id = $id";
        cmd.Parameters.AddWithValue("$id", id);
        return ReadAll(cmd).FirstOrDefault();
    }

    /// <summary>Takes a row for sending; false when another process holds a live claim or it is finished.</summary>
    public bool TryClaim(long id, string token, DateTimeOffset now, DateTimeOffset until)
    {
        using var connection = database.Open();
        return Execute(connection, null, """
            UPDATE digest_outbox SET state = 'claimed', claim_token = $token, claimed_until = $until
            WHERE id = $id AND ((state = 'pending' AND next_attempt_at <= $now) OR (state = 'claimed' AND claimed_until < $now))
            """, ("$id", id), ("$token", token), ("$until", StoredTime.Format(until)), ("$now", StoredTime.Format(now))) == 1;
    }

    /// <summary>Each part's state: "sending" (POST begun, outcome unknown) or "sent".</summary>
    public IReadOnlyDictionary<int, string> PartStates(long id)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT part, state FROM digest_outbox_parts WHERE outbox_id = $id";
        cmd.Parameters.AddWithValue("$id", id);
        using var reader = cmd.ExecuteReader();
        var states = new Dictionary<int, string>();
        while (reader.Read())
        {
            states[reader.GetInt32(0)] = reader.GetString(1);
        }
        return states;
    }

    public bool BeginPart(long id, string token, int part, int partCount, string idempotencyKey, DateTimeOffset now, DateTimeOffset leaseUntil)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        if (Execute(connection, tx, """
            UPDATE digest_outbox SET claimed_until = $until, part_count = $count WHERE id = $id AND state = 'claimed' AND claim_token = $token
            """, ("$id", id), ("$token", token), ("$until", StoredTime.Format(leaseUntil)), ("$count", partCount)) != 1)
        {
            return false;
        }
        Execute(connection, tx, """
            INSERT INTO digest_outbox_parts(outbox_id, part, state, idempotency_key, started_at) VALUES ($id, $part, 'sending', $key, $now)
            ON CONFLICT(outbox_id, part) DO UPDATE SET state = 'sending', started_at = excluded.started_at
            """, ("$id", id), ("$part", part), ("$key", idempotencyKey), ("$now", StoredTime.Format(now)));
        tx.Commit();
        return true;
    }

    public void CompletePart(long id, int part, string? messageId, DateTimeOffset now)
    {
        using var connection = database.Open();
        Execute(connection, null, "UPDATE digest_outbox_parts SET state = 'sent', message_id = $msg, sent_at = $now WHERE outbox_id = $id AND part = $part",
            ("$id", id), ("$part", part), ("$msg", messageId), ("$now", StoredTime.Format(now)));
    }

    /// <summary>The POST certainly did not post the part, so it may be sent again.</summary>
    public void AbandonPart(long id, int part)
    {
        using var connection = database.Open();
        Execute(connection, null, "DELETE FROM digest_outbox_parts WHERE outbox_id = $id AND part = $part AND state = 'sending'", ("$id", id), ("$part", part));
    }

    /// <summary>Ends a claimed row. Sent moves the subscription's covered window to the digest's end in the same transaction.</summary>
    public void Finish(long id, string token, DigestOutboxState state, string? error, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        var changed = Execute(connection, tx, """
            UPDATE digest_outbox SET state = $state, last_error = $error, finished_at = $now, claim_token = NULL, claimed_until = NULL
            WHERE id = $id AND state = 'claimed' AND claim_token = $token
            """, ("$id", id), ("$token", token), ("$state", DigestOutboxStateNames.Name(state)), ("$error", error), ("$now", StoredTime.Format(now)));
        if (changed == 1 && state == DigestOutboxState.Sent)
        {
            using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT subscription_id, window_end FROM digest_outbox WHERE id = $id";
            cmd.Parameters.AddWithValue("$id", id);
            using var reader = cmd.ExecuteReader();
            reader.Read();
            var subscriptionId = reader.GetString(0);
            var windowEnd = StoredTime.Parse(reader.GetString(1));
            reader.Close();
            AdvanceCovered(connection, tx, subscriptionId, windowEnd);
        }
        tx.Commit();
    }

    /// <summary>Gives a claimed row back for a later attempt.</summary>
    public void Release(long id, string token, int attempts, DateTimeOffset nextAttemptAt, string? error)
    {
        using var connection = database.Open();
        Execute(connection, null, """
            UPDATE digest_outbox SET state = 'pending', attempts = $attempts, next_attempt_at = $next, last_error = $error,
                claim_token = NULL, claimed_until = NULL
            WHERE id = $id AND state = 'claimed' AND claim_token = $token
            """, ("$id", id), ("$token", token), ("$attempts", attempts), ("$next", StoredTime.Format(nextAttemptAt)), ("$error", error));
    }

    /// <summary>Unfinished rows of a stopped subscription are cancelled, so nothing more goes to it.</summary>
    public int CancelUnfinished(string subscriptionId, string reason, DateTimeOffset now)
    {
        using var connection = database.Open();
        return Execute(connection, null, """
            UPDATE digest_outbox SET state = 'cancelled', last_error = $reason, finished_at = $now, claim_token = NULL, claimed_until = NULL
            WHERE subscription_id = $s AND state IN ('pending', 'claimed')
            """, ("$s", subscriptionId), ("$reason", reason), ("$now", StoredTime.Format(now)));
    }

    private static void AdvanceCovered(SqliteConnection connection, SqliteTransaction tx, string subscriptionId, DateTimeOffset windowEnd) =>
        Execute(connection, tx, "UPDATE digest_subscriptions SET covered_until = $end WHERE id = $s AND covered_until < $end",
            ("$s", subscriptionId), ("$end", StoredTime.Format(windowEnd)));

    private static List<DigestOutboxEntry> ReadAll(SqliteCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var list = new List<DigestOutboxEntry>();
        while (r.Read())
        {
            list.Add(new DigestOutboxEntry
            {
                Id = r.GetInt64(0),
                SubscriptionId = r.GetString(1),
                PeriodAt = StoredTime.Parse(r.GetString(2)),
                State = DigestOutboxStateNames.Parse(r.GetString(3)),
                Content = JsonSerializer.Deserialize<DigestContent>(r.GetString(4))!,
                Attempts = r.GetInt32(5),
                PartCount = r.IsDBNull(6) ? null : r.GetInt32(6),
                NextAttemptAt = StoredTime.Parse(r.GetString(7)),
                LastError = r.IsDBNull(8) ? null : r.GetString(8),
                CreatedAt = StoredTime.Parse(r.GetString(9)),
                FinishedAt = r.IsDBNull(10) ? null : StoredTime.Parse(r.GetString(10)),
                PartsSent = r.GetInt32(11),
            });
        }
        return list;
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return cmd.ExecuteNonQuery();
    }
}
