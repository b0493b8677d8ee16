namespace PaperBot.Host.Reliability;

/// <summary>
/// What a channel acknowledged, written before the acknowledgement, so the work is finished even if this process
/// dies; and the ids seen recently, so a replayed interaction or a retried activity is done once. In the SQLite file
/// (<see cref="AcceptedWorkJournal"/>: the next start of this process finishes it) or, with
/// <c>Storage:Provider=Postgres</c>, in PostgreSQL (<see cref="PostgresAcceptedWorkJournal"/>: another replica takes
/// unfinished work over once the hold of the replica that accepted it runs out).
/// <para>
/// Every accept and every claim gives the work a new hold token. A reply is sent only after
/// <see cref="TryBeginReply"/> has recorded, in one conditional write, that the token is still current and nobody is
/// replying yet: a slow replica whose work was taken over finds its token gone and sends nothing, and a replica
/// taking work over leaves alone what its holder is already replying to.
/// </para>
/// </summary>
public interface IAcceptedWorkJournal
{
    /// <summary>True when other replicas share the journal, so unfinished work must be looked for while running, not only at start.</summary>
    bool IsShared { get; }

    /// <summary>
    /// Records <paramref name="id"/> as received now, with the work to redo if it is not finished (or none), held by
    /// this process. Null when the id is already known: a replay, to be acknowledged without doing the work again.
    /// </summary>
    WorkHold? TryAccept(string channel, string id, string? payload = null);

    /// <summary>Stores the work for an id this process accepted, before acknowledging it.</summary>
    void SetPending(WorkHold hold, string payload);

    /// <summary>
    /// Right before the reply is sent: true, and the work marked as being replied to, only while <paramref name="hold"/>
    /// is still the work's current hold and nobody has started replying; false when another process has taken the
    /// work over or it is already finished, and then nothing may be sent for it.
    /// </summary>
    bool TryBeginReply(WorkHold hold);

    /// <summary>
    /// The work is done (answered, or the user told it cannot be): nothing to resume, the id still remembered. Does
    /// nothing when <paramref name="hold"/> is no longer the work's hold (another process took it over).
    /// </summary>
    void Finish(WorkHold hold);

    /// <summary>Forgets an id entirely: the work was refused (busy), so the sender's retry must be done, not taken for a replay.</summary>
    void Forget(string channel, string id);

    /// <summary>
    /// Unfinished work of one channel that no live process holds, now held by this one, oldest first: at start, what
    /// the previous process left; with a shared journal, also what a replica that died left. Work whose holder had
    /// started replying comes back with <see cref="PendingWork.ReplyInDoubt"/> set.
    /// </summary>
    IReadOnlyList<PendingWork> ClaimPending(string channel);

    /// <summary>Extends this process's holds on the work it is doing (a shared journal); returns how many.</summary>
    int RenewHolds();

    /// <summary>Forgets finished ids older than <see cref="AcceptedWorkJournal.RememberFor"/>; unfinished work is kept.</summary>
    int Prune();
}
