using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Ingest;
using PaperBot.Host.Cli;

namespace PaperBot.Tests.Retrieval;

/// <summary>The repository's corpus, ingested and embedded, in a temporary database with the services the CLI uses.</summary>
public sealed class EvaluatedCorpus : IDisposable
{
    private readonly string _directory;

    public EvaluatedCorpus()
    {
        RepositoryRoot = PaperBot.Tests.Support.RepositoryPaths.Root;
        _directory = Path.Combine(Path.GetTempPath(), "paperbot-retrieval-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        // The default configuration, local embeddings included, on the corpus embedded once for the whole run and
        // ingested again by the CLI's services, as each class's copy used to be; now done once, in a template.
        File.Copy(Template.Value.GetAwaiter().GetResult(), Path.Combine(_directory, "paperbot.db"));
        Services = CliServices.Build(Path.Combine(_directory, "paperbot.db"), verbose: false);
    }

    /// <summary>
    /// The embedded corpus after the CLI services' ingest of the corpus folder (an ingest run that finds nothing new,
    /// so the corpus version moves on), with the corpus vectors for that version trained and saved: built once per
    /// test run, so each class's copy neither ingests nor trains.
    /// </summary>
    private static readonly Lazy<Task<string>> Template = new(BuildTemplateAsync);

    private static async Task<string> BuildTemplateAsync()
    {
        var folder = Directory.CreateTempSubdirectory("paperbot-evaluated-template-").FullName;
        var path = Path.Combine(folder, "template.db");
        await PaperBot.Tests.Support.EmbeddedCorpus.CopyToAsync(path);
        await using (var services = CliServices.Build(path, verbose: false))
        {
            services.GetRequiredService<IngestService>().Ingest([PaperBot.Tests.Support.RepositoryPaths.Corpus]);
            using var connection = services.GetRequiredService<PaperBot.Core.Storage.SqliteConnectionFactory>().Open();
            PaperBot.Tests.Support.TemplateVectors.TrainAndSave(connection);
            using var checkpoint = connection.CreateCommand();
            // Fold the WAL into the main file so a plain file copy carries everything.
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return path;
    }

    public string RepositoryRoot { get; }

    public ServiceProvider Services { get; }

    public string EvalFile => Path.Combine(RepositoryRoot, "tests", "PaperBot.Tests", "Retrieval", "eval.jsonl");

    /// <summary>Questions written after the retrieval was tuned, from papers drawn at random, and first run as written.</summary>
    public string HeldOutFile => Path.Combine(RepositoryRoot, "tests", "PaperBot.Tests", "Retrieval", "heldout.jsonl");

    public void Dispose()
    {
        Services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
