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
        // The default configuration, local embeddings included, on the corpus embedded once for the whole run.
        PaperBot.Tests.Support.EmbeddedCorpus.CopyToAsync(Path.Combine(_directory, "paperbot.db")).GetAwaiter().GetResult();
        Services = CliServices.Build(Path.Combine(_directory, "paperbot.db"), verbose: false);
        Services.GetRequiredService<IngestService>().Ingest([Path.Combine(RepositoryRoot, "corpus")]);
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
