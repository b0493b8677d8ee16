namespace PaperBot.Core.Ingest;

/// <summary>The listing log of a bot that runs alone on its SQLite file: nothing to publish, nothing to apply.</summary>
public sealed class UnsharedListingLog : ISharedListingLog
{
    public bool IsShared => false;

    public ISharedIngest BeginIngest(CancellationToken cancellationToken) => NothingShared.Instance;

    public IReadOnlyList<SharedListingHead> NewestAfter(long afterSeq, CancellationToken cancellationToken) => [];

    public ListingFile Read(long seq, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("This PaperBot shares no listings (Storage:Provider is Sqlite).");

    private sealed class NothingShared : ISharedIngest
    {
        public static readonly NothingShared Instance = new();

        public void Publish(ListingFile file, DateTimeOffset ingestedAt)
        {
        }

        public void Commit()
        {
        }

        public void RecordRun(string source, IngestReport report, DateTimeOffset startedAt, DateTimeOffset finishedAt)
        {
        }

        public void Dispose()
        {
        }
    }
}
