using Microsoft.Extensions.Options;
using Npgsql;
using PaperBot.Core.Storage;
using PaperBot.Core.Storage.Postgres;

namespace PaperBot.Host.Reliability;

/// <summary>
/// The accepted-work journal in PostgreSQL (<c>accepted_work</c>, PostgreSQL migration 4), shared by every replica.
/// Accepting an id holds it for this process until <c>lease_until</c> (<see cref="SharedStorageOptions.WorkLeaseSeconds"/>
/// from the injected clock); <see cref="RenewHolds"/> extends every hold of this process while it lives. Unfinished
/// work whose hold ran out (its replica died) is claimed by another replica with <c>FOR UPDATE SKIP LOCKED</c>, so two
/// replicas looking at once never both take it. The primary key is the replay check for all replicas together. Each
/// accept and claim sets a new <c>hold</c> token (migration 8), checked before replying: see <see cref="IAcceptedWorkJournal"/>.
/// <para>
/// After PostgreSQL was out of reach, this replica takes nothing over until it has been back for a whole lease. While
/// PostgreSQL was down no replica could renew its holds, so every hold may have run out; the replicas that are alive
/// renew theirs (and record the work they finished meanwhile) within a third of a lease of its return, and only what is
/// still unrenewed after that belongs to a dead replica. Claiming at once would answer again what a live replica has
/// already answered.
/// </para>
/// </summary>
public sealed class PostgresAcceptedWorkJournal(PostgresDatabase database, TimeProvider time, IOptions<SharedStorageOptions> options) : IAcceptedWorkJournal
{
    /// <summary>A claim takes at most this many at once: the rest wait for the next look, a few seconds later.</summary>
    private const int ClaimBatch = 100;

    private const int PruneEvery = 200;
    private int _accepts;

    /// <summary>Who holds work, as the journal shows it: this machine and process, and this start of it.</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    public bool IsShared => true;

    private TimeSpan Lease => TimeSpan.FromSeconds(options.Value.WorkLeaseSeconds);

    /// <summary>UTC ticks from which this replica may take work over: 0 from the start, long.MaxValue while PostgreSQL is out of reach.</summary>
    private long _claimsFrom;

    /// <summary>Opens a connection, noting whether PostgreSQL was reachable (see the class remarks).</summary>
    private NpgsqlConnection Open()
    {
        NpgsqlConnection connection;
        try
        {
            connection = database.Open();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException)
        {
            Volatile.Write(ref _claimsFrom, long.MaxValue);
            throw;
        }
        // Back after an outage: the lease that live replicas get to renew their holds starts now.
        Interlocked.CompareExchange(ref _claimsFrom, (time.GetUtcNow() + Lease).UtcTicks, long.MaxValue);
        return connection;
    }

    public WorkHold? TryAccept(string channel, string id, string? payload = null)
    {
        if (Interlocked.Increment(ref _accepts) % PruneEvery == 0)
        {
            Prune();
        }
        var hold = new WorkHold(channel, id, WorkHold.NewToken());
        using var connection = Open();
        // After the open: a slow open must not shorten the hold it starts.
        var now = time.GetUtcNow();
        using var cmd = new NpgsqlCommand("""
            INSERT INTO accepted_work (channel, id, received_at, payload, claimed_by, lease_until, hold)
            VALUES (@channel, @id, @now, @payload, @holder, @until, @hold)
            ON CONFLICT (channel, id) DO NOTHING
            """, connection);
        AddHold(cmd, hold);
        cmd.Parameters.AddWithValue("now", now.ToUniversalTime());
        cmd.Parameters.Add(new NpgsqlParameter<string?>("payload", payload));
        cmd.Parameters.AddWithValue("holder", Holder);
        cmd.Parameters.AddWithValue("until", (now + Lease).ToUniversalTime());
        return cmd.ExecuteNonQuery() == 1 ? hold : null;
    }

    public void SetPending(WorkHold hold, string payload)
    {
        using var connection = Open();
        using var cmd = new NpgsqlCommand("""
            UPDATE accepted_work SET payload = @payload, finished_at = NULL, replying_at = NULL, claimed_by = @holder, lease_until = @until
            WHERE channel = @channel AND id = @id AND hold = @hold
            """, connection);
        AddHold(cmd, hold);
        cmd.Parameters.AddWithValue("payload", payload);
        cmd.Parameters.AddWithValue("holder", Holder);
        cmd.Parameters.AddWithValue("until", (time.GetUtcNow() + Lease).ToUniversalTime());
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// One conditional UPDATE: it succeeds only while this hold is the row's hold and nobody is replying, even when the
    /// hold's lease has run out (no other replica has claimed the work yet; once this commits, none will, see
    /// <see cref="ClaimPending"/>). A claim committing first changes the token, and this finds no row.
    /// </summary>
    public bool TryBeginReply(WorkHold hold)
    {
        using var connection = Open();
        var now = time.GetUtcNow();
        using var cmd = new NpgsqlCommand("""
            UPDATE accepted_work SET replying_at = @now, claimed_by = @holder, lease_until = @until
            WHERE channel = @channel AND id = @id AND hold = @hold AND payload IS NOT NULL AND replying_at IS NULL
            """, connection);
        AddHold(cmd, hold);
        cmd.Parameters.AddWithValue("now", now.ToUniversalTime());
        cmd.Parameters.AddWithValue("holder", Holder);
        cmd.Parameters.AddWithValue("until", (now + Lease).ToUniversalTime());
        return cmd.ExecuteNonQuery() == 1;
    }

    public void Finish(WorkHold hold)
    {
        try
        {
            MarkFinished(hold);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException)
        {
            // The work is done but PostgreSQL is out of reach: record it at the next renewal, or this replica would keep
            // holding finished work (and another replica would take it over, in doubt, if this one died).
            _finishLater.Enqueue(hold);
            throw;
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentQueue<WorkHold> _finishLater = new();

    private void MarkFinished(WorkHold hold)
    {
        using var connection = Open();
        using var cmd = new NpgsqlCommand("""
            UPDATE accepted_work SET payload = NULL, finished_at = @now, replying_at = NULL, claimed_by = NULL, lease_until = NULL
            WHERE channel = @channel AND id = @id AND hold = @hold
            """, connection);
        AddHold(cmd, hold);
        cmd.Parameters.AddWithValue("now", time.GetUtcNow().ToUniversalTime());
        cmd.ExecuteNonQuery();
    }

    private static void AddHold(NpgsqlCommand cmd, WorkHold hold)
    {
        cmd.Parameters.AddWithValue("channel", hold.Channel);
        cmd.Parameters.AddWithValue("id", hold.Id);
        cmd.Parameters.AddWithValue("hold", hold.Token);
    }

    public void Forget(string channel, string id)
    {
        using var connection = Open();
        using var cmd = new NpgsqlCommand("DELETE FROM accepted_work WHERE channel = @channel AND id = @id", connection);
        cmd.Parameters.AddWithValue("channel", channel);
        cmd.Parameters.AddWithValue("id", id);
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// Takes over work whose hold ran out, under a new token, so its former holder can no longer reply to it or finish
    /// it. Work whose holder had begun replying is left to it for one more lease (a live but slow replica is still
    /// sending, and renews its hold once it runs again); after that the holder is taken for dead mid-send and the work
    /// comes back with <see cref="PendingWork.ReplyInDoubt"/>.
    /// </summary>
    public IReadOnlyList<PendingWork> ClaimPending(string channel)
    {
        using var connection = Open();
        var now = time.GetUtcNow();
        if (now.UtcTicks < Volatile.Read(ref _claimsFrom))
        {
            return [];
        }
        // SKIP LOCKED: rows another replica is claiming (or its holder is marking as replying) this instant are left
        // alone; once that commits they hold a live lease or a new token and are no longer candidates.
        using var cmd = new NpgsqlCommand("""
            UPDATE accepted_work w SET claimed_by = @holder, lease_until = @until, hold = @hold, replying_at = NULL
            FROM (SELECT channel, id, replying_at FROM accepted_work
                  WHERE channel = @channel AND payload IS NOT NULL
                    AND (lease_until IS NULL OR lease_until < @now)
                    AND (replying_at IS NULL OR lease_until IS NULL OR lease_until < @inDoubtBefore)
                  ORDER BY received_at, id LIMIT @batch FOR UPDATE SKIP LOCKED) free
            WHERE w.channel = free.channel AND w.id = free.id
            RETURNING w.id, w.received_at, w.payload, free.replying_at IS NOT NULL
            """, connection);
        var token = WorkHold.NewToken();
        cmd.Parameters.AddWithValue("channel", channel);
        cmd.Parameters.AddWithValue("holder", Holder);
        cmd.Parameters.AddWithValue("hold", token);
        cmd.Parameters.AddWithValue("now", now.ToUniversalTime());
        cmd.Parameters.AddWithValue("inDoubtBefore", (now - Lease).ToUniversalTime());
        cmd.Parameters.AddWithValue("until", (now + Lease).ToUniversalTime());
        cmd.Parameters.AddWithValue("batch", ClaimBatch);
        using var reader = cmd.ExecuteReader();
        var claimed = new List<PendingWork>();
        while (reader.Read())
        {
            claimed.Add(new PendingWork(channel, reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), token)
            {
                ReplyInDoubt = reader.GetBoolean(3),
            });
        }
        return claimed.OrderBy(w => w.ReceivedAt).ThenBy(w => w.Id, StringComparer.Ordinal).ToList();
    }

    public int RenewHolds()
    {
        var retries = _finishLater.Count;
        while (retries-- > 0 && _finishLater.TryPeek(out var done))
        {
            MarkFinished(done); // throws while PostgreSQL is still out of reach: kept for the next renewal
            _finishLater.TryDequeue(out _);
        }
        using var connection = Open();
        using var cmd = new NpgsqlCommand(
            "UPDATE accepted_work SET lease_until = @until WHERE claimed_by = @holder AND payload IS NOT NULL", connection);
        cmd.Parameters.AddWithValue("holder", Holder);
        cmd.Parameters.AddWithValue("until", (time.GetUtcNow() + Lease).ToUniversalTime());
        return cmd.ExecuteNonQuery();
    }

    public int Prune()
    {
        using var connection = Open();
        using var cmd = new NpgsqlCommand("DELETE FROM accepted_work WHERE payload IS NULL AND received_at < @before", connection);
        cmd.Parameters.AddWithValue("before", (time.GetUtcNow() - AcceptedWorkJournal.RememberFor).ToUniversalTime());
        return cmd.ExecuteNonQuery();
    }
}
