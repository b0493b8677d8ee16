using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Answering;
using PaperBot.Core.Ingest;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Storage;

namespace PaperBot.Tests.Support;

/// <summary>A real SQLite file in a fresh temporary folder, removed afterwards, with the core services over it.</summary>
public sealed class TempDatabase : IDisposable
{
    /// <param name="settings">Configuration over the defaults, with the keys a deployer writes ("Retrieval:KeywordRowBudget").</param>
    public TempDatabase(IEnumerable<KeyValuePair<string, string?>>? settings = null)
        : this(settings, template: null)
    {
    }

    private TempDatabase(IEnumerable<KeyValuePair<string, string?>>? settings, string? template)
    {
        Folder = Directory.CreateTempSubdirectory("paperbot-test-").FullName;
        Path = System.IO.Path.Combine(Folder, "paperbot.db");
        if (template is not null)
        {
            File.Copy(template, Path);
        }
        // Files are known by their path under the temp folder ("a/cards.txt"); the corpus, outside it, by its full path.
        Services = CoreServices.Build(Path, ingestRoot: Folder, settings);
        Factory = Services.GetRequiredService<SqliteConnectionFactory>();
        Store = Services.GetRequiredService<PaperStore>();
        Ingest = Services.GetRequiredService<IngestService>();
        Searcher = Services.GetRequiredService<PaperSearcher>();
        Answerer = Services.GetRequiredService<ExtractiveAnswerer>();
    }

    /// <summary>The Core services over this file, registered as the application registers them.</summary>
    public ServiceProvider Services { get; }

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

    /// <summary>
    /// A database that starts as a copy of the corpus ingested once per run (<see cref="IngestedCorpus"/>): the state
    /// <see cref="IngestCorpus"/> on a new database leaves, without each test paying for the ingest. With
    /// <paramref name="withVectors"/> the corpus vectors are already saved, as after a first search.
    /// </summary>
    public static TempDatabase WithCorpus(bool withVectors = true, IEnumerable<KeyValuePair<string, string?>>? settings = null) =>
        new(settings, IngestedCorpus.Template(withVectors));

    public long Scalar(string sql)
    {
        using var connection = Factory.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Another set of Core services over the same file with other settings (a second process with another
    /// configuration, as far as the database can tell); disposed with this database.
    /// </summary>
    public ServiceProvider ServicesWith(params (string Key, string Value)[] settings)
    {
        var services = CoreServices.Build(Path, ingestRoot: Folder, settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        _others.Add(services);
        return services;
    }

    private readonly List<ServiceProvider> _others = [];

    public void Dispose()
    {
        foreach (var services in _others)
        {
            services.Dispose();
        }
        Services.Dispose();
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
