using System.Text.Json;
using Npgsql;
using PaperBot.Core.Digest;

namespace PaperBot.Core.Storage.Postgres;

/// <summary>
/// The digest outbox in PostgreSQL, shared by every replica (see <see cref="IDigestOutbox"/>). A replica claims a
/// digest with <c>SELECT … FOR UPDATE SKIP LOCKED</c> and a lease (<c>claimed_by</c>, <c>lease_until</c> from the
/// injected clock): two replicas finding the same digest due never both claim it, and neither waits on the other's
/// lock. Each part is begun only while the claim is still this replica's, so a replica that lost its lease (paused
/// longer than the lease) stops instead of posting beside the one that took over.
/// </summary>
public sealed class PostgresDigestOutbox(PostgresDatabase database) : IDigestOutbox
{
    private const string Columns = """
        o.id, o.subscription_id, o.period_at, o.state, o.content_json, o.attempts, o.part_count, o.next_attempt_at,
        o.last_error, o.created_at, o.finished_at,
        (SELECT count(*) FROM digest_outbox_parts p WHERE p.outbox_id = o.id AND p.state = 'sent')
        """;

    private const string IsDeliverable = "((o.state = 'pending' AND o.next_attempt_at <= @now) OR (o.state = 'claimed' AND o.lease_until < @now))";

    public bool HasUnfinished(string subscriptionId)
    {
        using var connection = database.Open();
        using var cmd = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM digest_outbox WHERE subscription_id = @s AND state IN ('pending', 'claimed'))", connection);
        cmd.Parameters.AddWithValue("s", subscriptionId);
        return (bool)cmd.ExecuteScalar()!;
    }

    public DateTimeOffset? NextAttemptAt()
    {
        using var connection = database.Open();
        using var cmd = new NpgsqlCommand("""
            SELECT min(CASE WHEN state = 'pending' THEN next_attempt_at ELSE lease_until END)
            FROM digest_outbox WHERE state IN ('pending', 'claimed')
            """, connection);
        return cmd.ExecuteScalar() is DateTime at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
    }

    public bool Enqueue(string subscriptionId, DateTimeOffset periodAt, DigestContent content, bool postIt, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        var inserted = Execute(connection, tx, """
            INSERT INTO digest_outbox (subscription_id, period_at, window_start, window_end, state, content_json, attempts,
                next_attempt_at, created_at, finished_at)
            VALUES (@s, @period, @start, @end, @state, @content, 0, @now, @now, @finished)
            ON CONFLICT (subscription_id, period_at) DO NOTHING
            """,
            ("s", subscriptionId), ("period", periodAt.ToUniversalTime()), ("start", content.WindowStart.ToUniversalTime()),
            ("end", content.WindowEnd.ToUniversalTime()), ("state", postIt ? "pending" : "empty"),
            ("content", JsonSerializer.Serialize(content)), ("now", now.ToUniversalTime()),
            ("finished", postIt ? null : now.ToUniversalTime())) == 1;
        Execute(connection, tx, "UPDATE digest_subscriptions SET anchor_at = @period WHERE id = @s AND anchor_at < @period",
            ("s", subscriptionId), ("period", periodAt.ToUniversalTime()));
        if (inserted && !postIt)
        {
            AdvanceCovered(connection, tx, subscriptionId, content.WindowEnd);
        }
        tx.Commit();
        return inserted;
    }

    public IReadOnlyList<DigestOutboxEntry> Deliverable(DateTimeOffset now, string? subscriptionId = null)
    {
        using var connection = database.Open();
        using var cmd = new NpgsqlCommand($"""
            SELECT {Columns} FROM digest_outbox o
            WHERE {IsDeliverable} AND (@s::text IS NULL OR o.subscription_id = @s)
            ORDER BY o.period_at, o.id
            """, connection);
        cmd.Parameters.AddWithValue("now", now.ToUniversalTime());
        cmd.Parameters.Add(new NpgsqlParameter<string?>("s", subscriptionId));
        return ReadAll(cmd);
    }

    public IReadOnlyList<DigestOutboxEntry> Recent(string subscriptionId, int limit)
    {
        using var connection = database.Open();
        using var cmd = new NpgsqlCommand($"SELECT {Columns} FROM digest_outbox o WHERE o.subscription_id = @s ORDER BY o.period_at DESC, o.id DESC LIMIT @limit", connection);
        cmd.Parameters.AddWithValue("s", subscriptionId);
        cmd.Parameters.AddWithValue("limit", limit);
        return ReadAll(cmd);
    }

    public DigestOutboxEntry? Get(long id)
    {
        using var connection = database.Open();
        using var cmd = new NpgsqlCommand($"SELECT {Columns} FROM digest_outbox o WHERE o.id = @id", connection);
        cmd.Parameters.AddWithValue("id", id);
        return ReadAll(cmd).FirstOrDefault();
    }

    public bool TryClaim(long id, string token, DateTimeOffset now, DateTimeOffset until)
    {
        using var connection = database.Open();
        // SKIP LOCKED: a row another replica is claiming this instant is passed over, not waited for; when its claim
        // commits, the row is no longer deliverable and this replica leaves it alone.
        return Execute(connection, null, $"""
            UPDATE digest_outbox SET state = 'claimed', claimed_by = @token, lease_until = @until
            WHERE id = (SELECT o.id FROM digest_outbox o WHERE o.id = @id AND {IsDeliverable} FOR UPDATE SKIP LOCKED)
            """, ("id", id), ("token", token), ("until", until.ToUniversalTime()), ("now", now.ToUniversalTime())) == 1;
    }

    public IReadOnlyDictionary<int, string> PartStates(long id)
    {
        using var connection = database.Open();
        using var cmd = new NpgsqlCommand("SELECT part, state FROM digest_outbox_parts WHERE outbox_id = @id", connection);
        cmd.Parameters.AddWithValue("id", id);
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
        // The row lock taken here is held until the part is recorded, so a replica taking over cannot slip in between.
        if (Execute(connection, tx, """
            UPDATE digest_outbox SET lease_until = @until, part_count = @count WHERE id = @id AND state = 'claimed' AND claimed_by = @token
            """, ("id", id), ("token", token), ("until", leaseUntil.ToUniversalTime()), ("count", partCount)) != 1)
        {
            return false;
        }
        Execute(connection, tx, """
            INSERT INTO digest_outbox_parts (outbox_id, part, state, idempotency_key, sent_by, started_at) VALUES (@id, @part, 'sending', @key, @token, @now)
            ON CONFLICT (outbox_id, part) DO UPDATE SET state = 'sending', sent_by = excluded.sent_by, started_at = excluded.started_at
            """, ("id", id), ("part", part), ("key", idempotencyKey), ("token", token), ("now", now.ToUniversalTime()));
        tx.Commit();
        return true;
    }

    public void CompletePart(long id, int part, string? messageId, DateTimeOffset now)
    {
        using var connection = database.Open();
        Execute(connection, null, "UPDATE digest_outbox_parts SET state = 'sent', message_id = @msg, sent_at = @now WHERE outbox_id = @id AND part = @part",
            ("id", id), ("part", part), ("msg", messageId), ("now", now.ToUniversalTime()));
    }

    public void AbandonPart(long id, int part)
    {
        using var connection = database.Open();
        Execute(connection, null, "DELETE FROM digest_outbox_parts WHERE outbox_id = @id AND part = @part AND state = 'sending'", ("id", id), ("part", part));
    }

    public void Finish(long id, string token, DigestOutboxState state, string? error, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        using (var finish = new NpgsqlCommand("""
            UPDATE digest_outbox SET state = @state, last_error = @error, finished_at = @now, claimed_by = NULL, lease_until = NULL
            WHERE id = @id AND state = 'claimed' AND claimed_by = @token
            RETURNING subscription_id, window_end
            """, connection, tx))
        {
            finish.Parameters.AddWithValue("id", id);
            finish.Parameters.AddWithValue("token", token);
            finish.Parameters.AddWithValue("state", DigestOutboxStateNames.Name(state));
            finish.Parameters.Add(new NpgsqlParameter<string?>("error", error));
            finish.Parameters.AddWithValue("now", now.ToUniversalTime());
            string? subscriptionId = null;
            DateTimeOffset windowEnd = default;
            using (var reader = finish.ExecuteReader())
            {
                if (reader.Read())
                {
                    subscriptionId = reader.GetString(0);
                    windowEnd = reader.GetFieldValue<DateTimeOffset>(1);
                }
            }
            if (subscriptionId is not null && state == DigestOutboxState.Sent)
            {
                AdvanceCovered(connection, tx, subscriptionId, windowEnd);
            }
        }
        tx.Commit();
    }

    public void Release(long id, string token, int attempts, DateTimeOffset nextAttemptAt, string? error)
    {
        using var connection = database.Open();
        Execute(connection, null, """
            UPDATE digest_outbox SET state = 'pending', attempts = @attempts, next_attempt_at = @next, last_error = @error,
                claimed_by = NULL, lease_until = NULL
            WHERE id = @id AND state = 'claimed' AND claimed_by = @token
            """, ("id", id), ("token", token), ("attempts", attempts), ("next", nextAttemptAt.ToUniversalTime()), ("error", error));
    }

    public int CancelUnfinished(string subscriptionId, string reason, DateTimeOffset now)
    {
        using var connection = database.Open();
        return Execute(connection, null, """
            UPDATE digest_outbox SET state = 'cancelled', last_error = @reason, finished_at = @now, claimed_by = NULL, lease_until = NULL
            WHERE subscription_id = @s AND state IN ('pending', 'claimed')
            """, ("s", subscriptionId), ("reason", reason), ("now", now.ToUniversalTime()));
    }

    private static void AdvanceCovered(NpgsqlConnection connection, NpgsqlTransaction tx, string subscriptionId, DateTimeOffset windowEnd) =>
        Execute(connection, tx, "UPDATE digest_subscriptions SET covered_until = @end WHERE id = @s AND covered_until < @end",
            ("s", subscriptionId), ("end", windowEnd.ToUniversalTime()));

    private static List<DigestOutboxEntry> ReadAll(NpgsqlCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var list = new List<DigestOutboxEntry>();
        while (r.Read())
        {
            list.Add(new DigestOutboxEntry
            {
                Id = r.GetInt64(0),
                SubscriptionId = r.GetString(1),
                PeriodAt = r.GetFieldValue<DateTimeOffset>(2),
                State = DigestOutboxStateNames.Parse(r.GetString(3)),
                Content = JsonSerializer.Deserialize<DigestContent>(r.GetString(4))!,
                Attempts = r.GetInt32(5),
                PartCount = r.IsDBNull(6) ? null : r.GetInt32(6),
                NextAttemptAt = r.GetFieldValue<DateTimeOffset>(7),
                LastError = r.IsDBNull(8) ? null : r.GetString(8),
                CreatedAt = r.GetFieldValue<DateTimeOffset>(9),
                FinishedAt = r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10),
                PartsSent = (int)r.GetInt64(11),
            });
        }
        return list;
    }

    private static int Execute(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = new NpgsqlCommand(sql, connection, tx);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return cmd.ExecuteNonQuery();
    }
}
