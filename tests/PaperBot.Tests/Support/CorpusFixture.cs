namespace PaperBot.Tests.Support;

/// <summary>
/// One database with the whole corpus ingested, shared by read-only tests of a class: a copy of the corpus ingested
/// once per run, with its corpus vectors (<see cref="IngestedCorpus"/>); <see cref="Report"/> is that ingest's report.
/// </summary>
public sealed class CorpusFixture : IDisposable
{
    public CorpusFixture()
    {
        Database = TempDatabase.WithCorpus();
        Report = IngestedCorpus.Report;
    }

    public TempDatabase Database { get; }
    public PaperBot.Core.Ingest.IngestReport Report { get; }

    public void Dispose() => Database.Dispose();
}
