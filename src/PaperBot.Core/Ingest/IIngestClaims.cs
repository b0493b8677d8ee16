namespace PaperBot.Core.Ingest;

/// <summary>
/// Which replica does a piece of ingest work (an inbox file, one period's fetch from a source), when replicas share
/// PostgreSQL: the first to claim it, for a lease; a replica that dies holding a claim has its work claimed by
/// another once the lease runs out. Work a replica finished stays finished, so the same file reaching two replicas is
/// ingested once. A single SQLite bot claims everything: <see cref="UnsharedIngestClaims"/>.
/// </summary>
public interface IIngestClaims
{
    bool IsShared { get; }

    /// <summary>Claims the work unless it is finished or another replica's claim on it still holds.</summary>
    IngestClaim Claim(IngestWork work);

    /// <summary>
    /// Keeps a claim alive while the work runs (renewed every third of the lease) until disposed, so work that takes
    /// longer than one lease is not taken over by another replica while this one is still doing it.
    /// </summary>
    IDisposable KeepClaimed(IngestWork work);

    /// <summary>Records the claimed work as finished (ingested, or failed for a reason that would fail again).</summary>
    void Finish(IngestWork work, bool succeeded, string outcome);

    /// <summary>Gives a claim back, so the work is done again later (by this replica or another) without waiting for the lease.</summary>
    void Release(IngestWork work);
}
