namespace PaperBot.Tests.Support;

/// <summary>One database with the whole corpus ingested, shared by read-only tests of a class.</summary>
public sealed class CorpusFixture : IDisposable
{
    public CorpusFixture()
    {
        Database = new TempDatabase();
        Report = Database.IngestCorpus();
    }

    public TempDatabase Database { get; }
    public PaperBot.Core.Ingest.IngestReport Report { get; }

    public void Dispose() => Database.Dispose();
}
