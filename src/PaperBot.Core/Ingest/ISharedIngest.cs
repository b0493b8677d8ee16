namespace PaperBot.Core.Ingest;

/// <summary>One ingest holding the shared ingest lock: its listings are published together, before the local write.</summary>
public interface ISharedIngest : IDisposable
{
    /// <summary>Publishes a listing as ingested at <paramref name="ingestedAt"/>, the time its new papers are first seen.</summary>
    void Publish(ListingFile file, DateTimeOffset ingestedAt);

    /// <summary>Makes the published listings visible to every replica; nothing is written locally before this succeeds.</summary>
    void Commit();
}
