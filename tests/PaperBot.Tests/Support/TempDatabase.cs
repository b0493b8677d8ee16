using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PaperBot.Core.Answering;
using PaperBot.Core.Ingest;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Storage;

namespace PaperBot.Tests.Support;

/// <summary>A real SQLite file in a fresh temporary folder, removed afterwards, with the core services over it.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = Directory.CreateTempSubdirectory("paperbot-test-").FullName;
        Path = System.IO.Path.Combine(Folder, "paperbot.db");
        Factory = new SqliteConnectionFactory(Path);
        Store = new PaperStore(Factory);
        // Files are known by their path under the temp folder ("a/cards.txt"); the corpus, outside it, by its full path.
        Ingest = new IngestService(Factory, TimeProvider.System, NullLogger<IngestService>.Instance,
            Options.Create(new IngestOptions { Root = Folder }), Options.Create(new StorageOptions { Corpus = RepositoryPaths.Corpus }), new UnsharedListingLog());
        Searcher = new PaperSearcher(Factory);
        var answering = Options.Create(new AnsweringOptions());
        Answerer = new ExtractiveAnswerer(Store, new QuestionClassifier(Store, Searcher), new MetadataAnswerer(Searcher, Store, new MetadataSearcher(Factory), answering),
            new EvidenceFinder(Searcher, new QuestionEmbedder(Searcher), new AbstentionRule(answering), answering), new ContentAnswerer(Searcher, answering));
    }

    public string Folder { get; }
    public string Path { get; }
    public SqliteConnectionFactory Factory { get; }
    public PaperStore Store { get; }
    public IngestService Ingest { get; }
    public PaperSearcher Searcher { get; }
    public ExtractiveAnswerer Answerer { get; }

    /// <summary>Writes a file into the temp folder and returns its path.</summary>
    public string WriteFile(string relativeName, string text)
    {
        var full = System.IO.Path.Combine(Folder, relativeName);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public IngestReport IngestCorpus() => Ingest.Ingest([RepositoryPaths.Corpus]);

    public long Scalar(string sql)
    {
        using var connection = Factory.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled connection; the OS temp cleaner takes it.
        }
    }
}
