using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core;

namespace PaperBot.Tests.Support;

/// <summary>
/// The Core services as the application registers them (<see cref="CoreServiceCollectionExtensions.AddPaperBotCore"/>),
/// over a given SQLite file: tests get the same constructors and defaults as <c>serve</c>, so no class needs a
/// constructor that only tests call. Settings use the configuration keys a deployer writes ("Retrieval:KeywordRowBudget").
/// </summary>
public static class CoreServices
{
    public static ServiceProvider Build(string database, string? ingestRoot = null, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["PaperBot:Database"] = database,
            ["PaperBot:Corpus"] = RepositoryPaths.Corpus,
        };
        if (ingestRoot is not null)
        {
            values["Ingest:Root"] = ingestRoot;
        }
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPaperBotCore(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
