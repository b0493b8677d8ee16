namespace PaperBot.Core.Storage.Postgres;

/// <summary>One ingest a replica ran and published, as the shared history holds it.</summary>
public sealed record SharedIngestRun(long Id, string Replica, string Source, DateTimeOffset StartedAt, DateTimeOffset FinishedAt,
    int Files, int Records, int NewPapers, int Updated, int Removed, int Errors)
{
    public override string ToString() =>
        $"{FinishedAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} by {Replica}: {Source}: {Files} files, {Records} records, {NewPapers} new, {Updated} updated, {Removed} removed, {Errors} errors";
}
