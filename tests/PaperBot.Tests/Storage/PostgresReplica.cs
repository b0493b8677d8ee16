using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaperBot.Core;
using PaperBot.Core.Llm;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Storage;

/// <summary>
/// One PaperBot replica in this process, wired by the real registrations: its own SQLite file and folder, and shared
/// state in the given PostgreSQL database.
/// </summary>
public sealed class PostgresReplica : IDisposable
{
    private readonly ServiceProvider _services;

    /// <param name="settings">More configuration on top of the replica's own (for example an embedding service).</param>
    /// <param name="features">Registrations beyond the core's, made first (so a test's TimeProvider wins).</param>
    public PostgresReplica(PostgresServer server, string database, string? connectionString = null, string? ingestRoot = null,
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection, IConfiguration>? features = null)
    {
        Folder = Path.Combine(Path.GetTempPath(), "paperbot-replica-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        var all = new Dictionary<string, string?>
        {
            ["PaperBot:Database"] = Path.Combine(Folder, "index.db"),
            ["PaperBot:Corpus"] = RepositoryPaths.Corpus,
            ["Ingest:Root"] = ingestRoot ?? Folder,
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = connectionString ?? server.ConnectionString(database),
            ["Storage:PasswordVariable"] = PostgresServer.PasswordVariable,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        features?.Invoke(services, configuration);
        services.AddPaperBotCore(configuration);
        services.AddPaperBotLlm(configuration);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public string Folder { get; }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Writes a listing file into the replica's folder and returns its path.</summary>
    public string WriteFile(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
