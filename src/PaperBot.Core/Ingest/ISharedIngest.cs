namespace PaperBot.Core.Ingest;

/// <summary>One ingest holding the shared ingest lock: its listings are published together, before the local write.</summary>
public interface ISharedIngest : IDisposable
{
    void Publish(ListingFile file);

    /// <summary>Makes the published listings visible to every replica; nothing is written locally before this succeeds.</summary>
    void Commit();
}
