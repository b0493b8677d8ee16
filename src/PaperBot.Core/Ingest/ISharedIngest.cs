namespace PaperBot.Core.Ingest;

/// <summary>One ingest holding the shared ingest lock: its listings are published together, before the local write.</summary>
public interface ISharedIngest : IDisposable
{
    /// <summary>Publishes a listing as ingested at <paramref name="ingestedAt"/>, the time its new papers are first seen.</summary>
    void Publish(ListingFile file, DateTimeOffset ingestedAt);

    /// <summary>Makes the published listings visible to every replica; nothing is written locally before this succeeds.</summary>
    void Commit();

    /// <summary>
    /// Adds the finished run to the history every replica sees (what it ingested, who ran it, its figures), after the
    /// local write: the run's papers are in this replica's index by then, whatever happens to this line.
    /// </summary>
    void RecordRun(string source, IngestReport report, DateTimeOffset startedAt, DateTimeOffset finishedAt);
}
