namespace PaperBot.Core.Digest;

/// <summary>
/// The digest outbox: one row per (subscription, due time), unique, so two processes (two replicas, or the server and
/// a CLI send-now) cannot both create a period's digest. A row is claimed with a lease before sending; each part is
/// marked "sending" before its POST and "sent" after, so an interrupted delivery resumes after the last part known to
/// be posted and never re-sends a part that may have landed (unless the sender dedupes). In SQLite
/// (<see cref="DigestOutbox"/>) or, with <c>Storage:Provider=Postgres</c>, in PostgreSQL shared by every replica.
/// </summary>
public interface IDigestOutbox
{
    bool HasUnfinished(string subscriptionId);

    /// <summary>When the earliest unfinished row may next be tried: a pending row's retry time or a claim's expiry.</summary>
    DateTimeOffset? NextAttemptAt();

    /// <summary>
    /// Adds the digest for a due time and moves the subscription's anchor to it, in one transaction. Returns false
    /// when that period already has a digest (another process got there first). An empty digest that is not to be
    /// posted is stored as done and moves the covered window on at once.
    /// </summary>
    bool Enqueue(string subscriptionId, DateTimeOffset periodAt, DigestContent content, bool postIt, DateTimeOffset now);

    /// <summary>Rows ready to send: pending and due for an attempt, or claimed by a process whose lease ran out.</summary>
    IReadOnlyList<DigestOutboxEntry> Deliverable(DateTimeOffset now, string? subscriptionId = null);

    IReadOnlyList<DigestOutboxEntry> Recent(string subscriptionId, int limit);

    DigestOutboxEntry? Get(long id);

    /// <summary>Takes a row for sending; false when another process holds a live claim or it is finished.</summary>
    bool TryClaim(long id, string token, DateTimeOffset now, DateTimeOffset until);

    /// <summary>Each part's state: "sending" (POST begun, outcome unknown) or "sent".</summary>
    IReadOnlyDictionary<int, string> PartStates(long id);

    /// <summary>
    /// Extends the claim and records the part as "sending", committed before the POST: if the process dies during it,
    /// the part is known to be in doubt. False (and nothing recorded) when the claim was lost: the lease ran out and
    /// another process took the digest over, so this one must not post.
    /// </summary>
    bool BeginPart(long id, string token, int part, int partCount, string idempotencyKey, DateTimeOffset now, DateTimeOffset leaseUntil);

    void CompletePart(long id, int part, string? messageId, DateTimeOffset now);

    /// <summary>The POST certainly did not post the part, so it may be sent again.</summary>
    void AbandonPart(long id, int part);

    /// <summary>Ends a claimed row. Sent moves the subscription's covered window to the digest's end in the same transaction.</summary>
    void Finish(long id, string token, DigestOutboxState state, string? error, DateTimeOffset now);

    /// <summary>Gives a claimed row back for a later attempt.</summary>
    void Release(long id, string token, int attempts, DateTimeOffset nextAttemptAt, string? error);

    /// <summary>Unfinished rows of a stopped subscription are cancelled, so nothing more goes to it.</summary>
    int CancelUnfinished(string subscriptionId, string reason, DateTimeOffset now);
}
