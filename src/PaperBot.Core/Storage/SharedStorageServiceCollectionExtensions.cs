using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PaperBot.Core.Ingest;
using PaperBot.Core.Storage.Postgres;

namespace PaperBot.Core.Storage;

public static class SharedStorageServiceCollectionExtensions
{
    /// <summary>
    /// The <c>Storage</c> section and what it chooses: with <c>Provider=Postgres</c>, the listing log and the shared
    /// stores come from PostgreSQL; otherwise nothing is shared. Safe to call from every feature that needs it.
    /// </summary>
    public static IServiceCollection AddPaperBotSharedStorage(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(SharedStorageMarker)))
        {
            return services;
        }
        services.AddSingleton<SharedStorageMarker>();
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
        return services;
    }

    /// <summary>Whether the validated options put shared state in PostgreSQL.</summary>
    public static bool IsShared(IServiceProvider services) =>
        services.GetRequiredService<IOptions<SharedStorageOptions>>().Value.Provider == StorageProvider.Postgres;

    /// <summary>Registration happens once however many features ask for it.</summary>
    private sealed class SharedStorageMarker;
}
