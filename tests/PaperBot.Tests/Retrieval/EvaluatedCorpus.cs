using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Ingest;
using PaperBot.Host.Cli;
using PaperBot.Host.Evaluation;

namespace PaperBot.Tests.Retrieval;

/// <summary>
/// The repository's corpus, ingested and embedded, in a temporary database with the services the CLI uses. Made in
/// <see cref="InitializeAsync"/>, which awaits the run's template without blocking a thread. Under xunit's default
/// "conservative" parallel algorithm the waiting class still holds its slot, so while the corpus is embedded other
/// classes run only if the algorithm is "aggressive" (not tried yet: docs/retrieval.md, session 12).
/// </summary>
public sealed class EvaluatedCorpus : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "paperbot-retrieval-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider? _services;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        // The default configuration, local embeddings included, on the corpus embedded once for the whole run and
        // ingested again by the CLI's services, as each class's copy used to be; now done once, in a template.
        File.Copy(await Template.Value, Path.Combine(_directory, "paperbot.db"));
        _services = CliServices.Build(Path.Combine(_directory, "paperbot.db"), verbose: false);
    }

    /// <summary>
    /// The embedded corpus after the CLI services' ingest of the corpus folder (an ingest run that finds nothing new,
    /// so the corpus version moves on), with the corpus vectors for that version trained and saved: built once per
    /// test run, so each class's copy neither ingests nor trains.
    /// </summary>
    private static readonly Lazy<Task<string>> Template = new(() => Task.Run(BuildTemplateAsync));

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

    public string RepositoryRoot { get; } = PaperBot.Tests.Support.RepositoryPaths.Root;

    public ServiceProvider Services => _services ?? throw new InvalidOperationException("The evaluated corpus is not initialised yet.");

    public string EvalFile => Path.Combine(RepositoryRoot, "tests", "PaperBot.Tests", "Retrieval", "eval.jsonl");

    private static readonly object OwnEvaluationGate = new();
    private static Task<EvalRun>? _ownEvaluation;

    /// <summary>
    /// <see cref="EvalFile"/> evaluated once per test run, PaperBot first and the Lucene peer beside it, as
    /// <c>paperbot eval --peer lucene</c> does: the floors (<see cref="RetrievalEvaluationTests"/>) and the HTML report
    /// read the same run instead of each answering the 106 questions again. Every copy of the template answers alike.
    /// </summary>
    public Task<EvalRun> OwnEvaluationAsync()
    {
        lock (OwnEvaluationGate)
        {
            return _ownEvaluation ??= EvalCommand.EvaluateAsync(Services, EvalFile, EvalCommand.LucenePeer);
        }
    }

    /// <summary>Questions written after the retrieval was tuned, from papers drawn at random, and first run as written.</summary>
    public string HeldOutFile => Path.Combine(RepositoryRoot, "tests", "PaperBot.Tests", "Retrieval", "heldout.jsonl");

    public Task DisposeAsync()
    {
        _services?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
        return Task.CompletedTask;
    }
}
