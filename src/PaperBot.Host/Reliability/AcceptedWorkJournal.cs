using PaperBot.Core.Storage;

namespace PaperBot.Host.Reliability;

/// <summary>
/// The <c>accepted_work</c> table (migration 9): what a channel acknowledged, written before the acknowledgement, so
/// a restart resumes it; and the ids seen recently, so a replayed interaction or a retried activity is done once.
/// A row is pending while it has a payload; finishing clears the payload and keeps the id for
/// <see cref="RememberFor"/>.
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
    /// Records <paramref name="id"/> as received now, with the work to redo after a restart (or none). False when the
    /// id is already known: a replay, to be acknowledged without doing the work again.
    /// </summary>
    public bool TryAccept(string channel, string id, string? payload = null)
    {
        if (Interlocked.Increment(ref _accepts) % PruneEvery == 0)
        {
            Prune();
        }
        using var connection = connections.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            INSERT INTO accepted_work (channel, id, received_at, payload) VALUES ($channel, $id, $now, $payload)
            ON CONFLICT (channel, id) DO NOTHING;
            """;
        cmd.Parameters.AddWithValue("$channel", channel);
        cmd.Parameters.AddWithValue("$id", id);
        cmd.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$payload", (object?)payload ?? DBNull.Value);
        return cmd.ExecuteNonQuery() == 1;
    }

    /// <summary>Stores the work for an id already accepted, before acknowledging it.</summary>
    public void SetPending(string channel, string id, string payload)
    {
        using var connection = connections.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "UPDATE accepted_work SET payload = $payload, finished_at = NULL WHERE channel = $channel AND id = $id;";
        cmd.Parameters.AddWithValue("$channel", channel);
        cmd.Parameters.AddWithValue("$id", id);
        cmd.Parameters.AddWithValue("$payload", payload);
        cmd.ExecuteNonQuery();
    }

    /// <summary>The work is done (answered, or the user told it cannot be): nothing to resume, the id still remembered.</summary>
    public void Finish(string channel, string id)
    {
        using var connection = connections.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "UPDATE accepted_work SET payload = NULL, finished_at = $now WHERE channel = $channel AND id = $id;";
        cmd.Parameters.AddWithValue("$channel", channel);
        cmd.Parameters.AddWithValue("$id", id);
        cmd.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
        cmd.ExecuteNonQuery();
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

    /// <summary>Unfinished work of one channel, oldest first.</summary>
    public IReadOnlyList<PendingWork> Pending(string channel)
    {
        using var connection = connections.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT id, received_at, payload FROM accepted_work WHERE channel = $channel AND payload IS NOT NULL ORDER BY received_at, id;";
        cmd.Parameters.AddWithValue("$channel", channel);
        using var reader = cmd.ExecuteReader();
        var pending = new List<PendingWork>();
        while (reader.Read())
        {
            pending.Add(new PendingWork(channel, reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2)));
        }
        return pending;
    }

    /// <summary>Everything unfinished: the process that accepted it is this file's previous process, which is gone.</summary>
    public IReadOnlyList<PendingWork> ClaimPending(string channel) => Pending(channel);

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
