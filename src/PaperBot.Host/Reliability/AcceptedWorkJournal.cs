using PaperBot.Core.Storage;

namespace PaperBot.Host.Reliability;

/// <summary>
/// The <c>accepted_work</c> table (migration 9): what a channel acknowledged, written before the acknowledgement, so
/// a restart resumes it; and the ids seen recently, so a replayed interaction or a retried activity is done once.
/// A row is pending while it has a payload; finishing clears the payload and keeps the id for
/// <see cref="RememberFor"/>. <c>hold</c> and <c>replying_at</c> (migration 14): see <see cref="IAcceptedWorkJournal"/>.
/// </summary>
public sealed class AcceptedWorkJournal(SqliteConnectionFactory connections, TimeProvider time) : IAcceptedWorkJournal
{
    /// <summary>One process per file: what it left unfinished is taken up at its next start.</summary>
    public bool IsShared => false;

    /// <summary>
    /// How long a finished id is remembered: longer than Discord's signature window (5 min) and the life of an
    /// interaction token (15 min), so nothing that can still be replayed or resumed is forgotten.
    /// </summary>
    public static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(20);

    private const int PruneEvery = 200;
    private int _accepts;

    /// <summary>
    /// Records <paramref name="id"/> as received now, with the work to redo after a restart (or none), held by this
    /// process. Null when the id is already known: a replay, to be acknowledged without doing the work again.
    /// </summary>
    public WorkHold? TryAccept(string channel, string id, string? payload = null)
    {
        if (Interlocked.Increment(ref _accepts) % PruneEvery == 0)
        {
            Prune();
        }
        var hold = new WorkHold(channel, id, WorkHold.NewToken());
        using var connection = connections.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            INSERT INTO accepted_work (channel, id, received_at, payload, hold) VALUES ($channel, $id, $now, $payload, $hold)
            ON CONFLICT (channel, id) DO NOTHING;
            """;
        cmd.Parameters.AddWithValue("$channel", channel);
        cmd.Parameters.AddWithValue("$id", id);
        cmd.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$payload", (object?)payload ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$hold", hold.Token);
        return cmd.ExecuteNonQuery() == 1 ? hold : null;
    }

    /// <summary>Stores the work for an id this process accepted, before acknowledging it.</summary>
    public void SetPending(WorkHold hold, string payload)
    {
        using var connection = connections.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            UPDATE accepted_work SET payload = $payload, finished_at = NULL, replying_at = NULL
            WHERE channel = $channel AND id = $id AND hold = $hold;
            """;
        AddHold(cmd, hold);
        cmd.Parameters.AddWithValue("$payload", payload);
        cmd.ExecuteNonQuery();
    }

    /// <summary>True, and the work marked as being replied to, only while the hold is current and nobody is replying yet.</summary>
    public bool TryBeginReply(WorkHold hold)
    {
        using var connection = connections.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            UPDATE accepted_work SET replying_at = $now
            WHERE channel = $channel AND id = $id AND hold = $hold AND payload IS NOT NULL AND replying_at IS NULL;
            """;
        AddHold(cmd, hold);
        cmd.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
        return cmd.ExecuteNonQuery() == 1;
    }

    /// <summary>The work is done (answered, or the user told it cannot be): nothing to resume, the id still remembered.</summary>
    public void Finish(WorkHold hold)
    {
        using var connection = connections.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            UPDATE accepted_work SET payload = NULL, finished_at = $now, replying_at = NULL
            WHERE channel = $channel AND id = $id AND hold = $hold;
            """;
        AddHold(cmd, hold);
        cmd.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
        cmd.ExecuteNonQuery();
    }

    private static void AddHold(Microsoft.Data.Sqlite.SqliteCommand cmd, WorkHold hold)
    {
        cmd.Parameters.AddWithValue("$channel", hold.Channel);
        cmd.Parameters.AddWithValue("$id", hold.Id);
        cmd.Parameters.AddWithValue("$hold", hold.Token);
    }

    /// <summary>
    /// Forgets an id entirely: the work was refused (busy), so the sender will retry it and that retry must be done,
    /// not taken for a replay.
    /// </summary>
    public void Forget(string channel, string id)
    {
        using var connection = connections.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "DELETE FROM accepted_work WHERE channel = $channel AND id = $id;";
        cmd.Parameters.AddWithValue("$channel", channel);
        cmd.Parameters.AddWithValue("$id", id);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Unfinished work of one channel, oldest first, as it stands (read only: nothing is claimed).</summary>
    public IReadOnlyList<PendingWork> Pending(string channel)
    {
        using var connection = connections.Open();
        return Read(connection, null, channel);
    }

    private static List<PendingWork> Read(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction? tx, string channel)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            SELECT id, received_at, payload, coalesce(hold, ''), replying_at IS NOT NULL FROM accepted_work
            WHERE channel = $channel AND payload IS NOT NULL ORDER BY received_at, id;
            """;
        cmd.Parameters.AddWithValue("$channel", channel);
        using var reader = cmd.ExecuteReader();
        var pending = new List<PendingWork>();
        while (reader.Read())
        {
            pending.Add(new PendingWork(channel, reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2), reader.GetString(3))
            {
                ReplyInDoubt = reader.GetBoolean(4),
            });
        }
        return pending;
    }

    /// <summary>
    /// Everything unfinished, now held by this process under a new token: the process that accepted it is this file's
    /// previous process, which is gone. (Were it still running, slow to stop, its tokens no longer match, so it can
    /// neither reply nor finish.) Work it had started replying to comes back in doubt.
    /// </summary>
    public IReadOnlyList<PendingWork> ClaimPending(string channel)
    {
        using var connection = connections.Open();
        using var tx = connection.BeginTransaction();
        var token = WorkHold.NewToken();
        var pending = Read(connection, tx, channel);
        using (var cmd = connection.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "UPDATE accepted_work SET hold = $hold, replying_at = NULL WHERE channel = $channel AND payload IS NOT NULL;";
            cmd.Parameters.AddWithValue("$channel", channel);
            cmd.Parameters.AddWithValue("$hold", token);
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
        return pending.Select(w => w with { Token = token }).ToList();
    }

    /// <summary>Nothing to renew: no other process could take the work over.</summary>
    public int RenewHolds() => 0;

    /// <summary>Forgets finished ids older than <see cref="RememberFor"/>; unfinished work is kept until it is finished.</summary>
    public int Prune()
    {
        using var connection = connections.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "DELETE FROM accepted_work WHERE payload IS NULL AND received_at < $before;";
        cmd.Parameters.AddWithValue("$before", (time.GetUtcNow() - RememberFor).ToUnixTimeMilliseconds());
        return cmd.ExecuteNonQuery();
    }
}
