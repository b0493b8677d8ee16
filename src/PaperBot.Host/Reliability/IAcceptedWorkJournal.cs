namespace PaperBot.Host.Reliability;

/// <summary>
/// What a channel acknowledged, written before the acknowledgement, so the work is finished even if this process
/// dies; and the ids seen recently, so a replayed interaction or a retried activity is done once. In the SQLite file
/// (<see cref="AcceptedWorkJournal"/>: the next start of this process finishes it) or, with
/// <c>Storage:Provider=Postgres</c>, in PostgreSQL (<see cref="PostgresAcceptedWorkJournal"/>: another replica takes
/// unfinished work over once the hold of the replica that accepted it runs out).
/// </summary>
public interface IAcceptedWorkJournal
{
    /// <summary>True when other replicas share the journal, so unfinished work must be looked for while running, not only at start.</summary>
    bool IsShared { get; }

    /// <summary>
    /// Records <paramref name="id"/> as received now, with the work to redo if it is not finished (or none), held by
    /// this process. False when the id is already known: a replay, to be acknowledged without doing the work again.
    /// </summary>
    bool TryAccept(string channel, string id, string? payload = null);

    /// <summary>Stores the work for an id already accepted, before acknowledging it.</summary>
    void SetPending(string channel, string id, string payload);

    /// <summary>The work is done (answered, or the user told it cannot be): nothing to resume, the id still remembered.</summary>
    void Finish(string channel, string id);

    /// <summary>Forgets an id entirely: the work was refused (busy), so the sender's retry must be done, not taken for a replay.</summary>
    void Forget(string channel, string id);

    /// <summary>
    /// Unfinished work of one channel that no live process holds, now held by this one, oldest first: at start, what
    /// the previous process left; with a shared journal, also what a replica that died left.
    /// </summary>
    IReadOnlyList<PendingWork> ClaimPending(string channel);

    /// <summary>Extends this process's holds on the work it is doing (a shared journal); returns how many.</summary>
    int RenewHolds();

    /// <summary>Forgets finished ids older than <see cref="AcceptedWorkJournal.RememberFor"/>; unfinished work is kept.</summary>
    int Prune();
}
