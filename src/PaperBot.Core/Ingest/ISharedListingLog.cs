namespace PaperBot.Core.Ingest;

/// <summary>
/// The listings replicas share (<c>Storage:Provider=Postgres</c>). A replica publishes every listing it ingests
/// before writing it to its own index, and applies what the others published, in the order it was published, so
/// every replica's index holds the same papers. A single SQLite bot shares nothing: <see cref="UnsharedListingLog"/>.
/// </summary>
public interface ISharedListingLog
{
    bool IsShared { get; }

    /// <summary>
    /// Takes the ingest lock all replicas share (held until disposed), so two replicas never publish the same name
    /// at once and each ingest starts from everything published before it.
    /// </summary>
    ISharedIngest BeginIngest(CancellationToken cancellationToken);

    /// <summary>For each name published after <paramref name="afterSeq"/>, its newest entry; oldest first.</summary>
    IReadOnlyList<SharedListingHead> NewestAfter(long afterSeq, CancellationToken cancellationToken);

    /// <summary>The listing published as <paramref name="seq"/>.</summary>
    ListingFile Read(long seq, CancellationToken cancellationToken);
}
