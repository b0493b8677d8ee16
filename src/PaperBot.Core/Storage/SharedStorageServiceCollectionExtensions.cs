using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PaperBot.Core.Embeddings;
using PaperBot.Core.Ingest;
using PaperBot.Core.Storage.Postgres;

namespace PaperBot.Core.Storage;

public static class SharedStorageServiceCollectionExtensions
{
    /// <summary>
    /// The <c>Storage</c> section and what it chooses: with <c>Provider=Postgres</c>, the listing log and the shared
    /// stores come from PostgreSQL; otherwise nothing is shared. Part of <see cref="CoreServiceCollectionExtensions.AddPaperBotCore"/>,
    /// which every composition adds; the features that use the shared stores (conversations, the Discord and Teams
    /// journals) rely on it rather than add it again.
    /// </summary>
    public static IServiceCollection AddPaperBotSharedStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SharedStorageOptions>().Bind(configuration.GetSection(SharedStorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SharedStorageOptions>, SharedStorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PostgresDatabase>();
        services.TryAddSingleton<PostgresListingLog>();
        services.TryAddSingleton<UnsharedListingLog>();
        services.TryAddSingleton<SqliteToPostgresMigration>();
        services.TryAddSingleton<ISharedListingLog>(sp => IsShared(sp)
            ? sp.GetRequiredService<PostgresListingLog>()
            : sp.GetRequiredService<UnsharedListingLog>());
        services.TryAddSingleton<PostgresIngestRuns>();
        services.TryAddSingleton<PostgresIngestClaims>();
        services.TryAddSingleton<UnsharedIngestClaims>();
        services.TryAddSingleton<IIngestClaims>(sp => IsShared(sp)
            ? sp.GetRequiredService<PostgresIngestClaims>()
            : sp.GetRequiredService<UnsharedIngestClaims>());
        services.TryAddSingleton<PostgresEmbeddingStore>();
        services.TryAddSingleton<UnsharedEmbeddingStore>();
        services.TryAddSingleton<ISharedEmbeddingStore>(sp => IsShared(sp)
            ? sp.GetRequiredService<PostgresEmbeddingStore>()
            : sp.GetRequiredService<UnsharedEmbeddingStore>());
        return services;
    }

    /// <summary>Whether the validated options put shared state in PostgreSQL.</summary>
    public static bool IsShared(IServiceProvider services) =>
        services.GetRequiredService<IOptions<SharedStorageOptions>>().Value.Provider == StorageProvider.Postgres;
}
