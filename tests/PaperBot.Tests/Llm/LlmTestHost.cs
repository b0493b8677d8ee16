using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperBot.Core;
using PaperBot.Core.Answering;
using PaperBot.Core.Conversations;
using PaperBot.Core.Ingest;
using PaperBot.Core.Storage;
using PaperBot.Host;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Llm;

/// <summary>
/// The app's real service composition (AddPaperBotCore + PaperBotFeatures.Add, as the CLI and server do) over a
/// temporary SQLite copy of the ingested corpus, with the given Llm:* settings.
/// </summary>
public sealed class LlmTestHost : IAsyncDisposable
{
    private static readonly Lazy<string> IngestedTemplate = new(BuildTemplate);

    private LlmTestHost(ServiceProvider services, string folder)
    {
        Services = services;
        Folder = folder;
    }

    public ServiceProvider Services { get; }
    public string Folder { get; }

    public IAnswerService Answers => Services.GetRequiredService<IAnswerService>();
    public ConversationalAnswerService Conversations => Services.GetRequiredService<ConversationalAnswerService>();
    public PaperStore Store => Services.GetRequiredService<PaperStore>();

    /// <summary>An LLM host pointing at <paramref name="server"/>, fast retry settings unless overridden.</summary>
    public static LlmTestHost ForServer(FakeChatCompletionsServer server, params (string Key, string Value)[] overrides) =>
        ForServer(server, null, overrides);

    /// <summary>As above, with every delay, timeout and retry of the app on <paramref name="time"/> (a FakeTimeProvider).</summary>
    public static LlmTestHost ForServer(FakeChatCompletionsServer server, TimeProvider? time, params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Llm:Provider"] = "openai-compatible",
            ["Llm:Endpoint"] = server.BaseUrl,
            ["Llm:Model"] = "test-model",
            // Generous: the answer budget starts with the question (evidence first, then the model), and a suite on two
            // shared cores has run at load 40, where 15 s ran out before the fake model was asked. Tests of the
            // timeout itself set their own, on a FakeTimeProvider.
            ["Llm:TimeoutSeconds"] = "60",
            ["Llm:RetryBaseDelaySeconds"] = "0.02",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }
        return Create(settings, time is null ? null : services => services.AddSingleton(time));
    }

    /// <summary>As <see cref="ForServer(FakeChatCompletionsServer, (string Key, string Value)[])"/>, on the corpus with every
    /// paper embedded (<see cref="EmbeddedCorpus"/>), so the abstention rule decides with the model as a server does once
    /// its vectors are computed, not with the keyword rule alone.</summary>
    public static async Task<LlmTestHost> ForServerEmbeddedAsync(FakeChatCompletionsServer server)
    {
        var folder = Directory.CreateTempSubdirectory("paperbot-llm-embedded-").FullName;
        var template = Path.Combine(folder, "template.db");
        await EmbeddedCorpus.CopyToAsync(template);
        try
        {
            return Create(new Dictionary<string, string?>
            {
                ["Llm:Provider"] = "openai-compatible",
                ["Llm:Endpoint"] = server.BaseUrl,
                ["Llm:Model"] = "test-model",
                ["Llm:TimeoutSeconds"] = "60",
                ["Llm:RetryBaseDelaySeconds"] = "0.02",
            }, template: template);
        }
        finally
        {
            File.Delete(template);
        }
    }

    public static LlmTestHost Create(IDictionary<string, string?> settings, Action<IServiceCollection>? configure = null, string? template = null)
    {
        var folder = Directory.CreateTempSubdirectory("paperbot-llm-test-").FullName;
        var database = Path.Combine(folder, "paperbot.db");
        File.Copy(template ?? IngestedTemplate.Value, database);
        var all = new Dictionary<string, string?>(settings)
        {
            ["PaperBot:Database"] = database,
            ["PaperBot:Corpus"] = RepositoryPaths.Corpus,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddPaperBotCore(configuration);
        PaperBotFeatures.Add(services, configuration);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var host = new LlmTestHost(provider, folder);
        try
        {
            provider.GetService<IStartupValidator>()?.Validate();
            // Train the corpus vectors and load the embedding model now, as a long-running server has at start-up
            // (RetrievalWarmUpService), so no test's time budget pays for them.
            provider.GetRequiredService<PaperBot.Core.Retrieval.PaperSearcher>().Search("continual learning warm-up");
            provider.GetRequiredService<PaperBot.Core.Embeddings.PaperEmbeddingIndex>().WarmUpAsync().GetAwaiter().GetResult();
        }
        catch
        {
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
        return host;
    }

    private static string BuildTemplate()
    {
        var folder = Directory.CreateTempSubdirectory("paperbot-llm-template-").FullName;
        var path = Path.Combine(folder, "template.db");
        var factory = new SqliteConnectionFactory(path);
        var ingest = new IngestService(factory, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<IngestService>.Instance);
        ingest.Ingest([RepositoryPaths.Corpus]);
        using (var connection = factory.Open())
        using (var checkpoint = connection.CreateCommand())
        {
            // Each host's warm-up search then loads the saved corpus vectors instead of training them again.
            TemplateVectors.TrainAndSave(connection);
            // Fold the WAL into the main file so a plain file copy carries everything.
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A pooled handle may linger on some platforms; the temp folder is harmless.
        }
    }
}
