namespace PaperBot.Core.Digest;

/// <summary>
/// Where subscriptions live: the SQLite file (<see cref="DigestSubscriptionStore"/>) or, with
/// <c>Storage:Provider=Postgres</c>, PostgreSQL shared by every replica. Subscriptions are never deleted, only deactivated.
/// </summary>
public interface IDigestSubscriptionStore
{
    /// <summary>Checks and stores a new subscription; returns it, or null and the reason it was refused.</summary>
    DigestSubscription? TryCreate(NewDigestSubscription request, out string? error);

    /// <summary>
    /// Creates or updates a configuration-defined subscription by name. Its progress (what was already sent) is
    /// kept across restarts; a changed target, schedule or filters take effect from now on, and it is reactivated.
    /// </summary>
    DigestSubscription Upsert(NewDigestSubscription request);

    DigestSubscription? Get(string id);

    IReadOnlyList<DigestSubscription> List(bool activeOnly = false);

    IReadOnlyList<DigestSubscription> ForTarget(DigestTarget target);

    /// <summary>Stops a subscription, keeping its history; returns false when it was not active.</summary>
    bool Deactivate(string id, string reason);
}
