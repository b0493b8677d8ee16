using Microsoft.Extensions.DependencyInjection.Extensions;
using PaperBot.Core.Storage;

namespace PaperBot.Host.Reliability;

public static class AcceptedWorkServiceCollectionExtensions
{
    /// <summary>
    /// The accepted-work journal the channels write before acknowledging: the SQLite file, or with
    /// <c>Storage:Provider=Postgres</c> PostgreSQL shared by every replica, chosen from the validated Storage options;
    /// with PostgreSQL, <see cref="AcceptedWorkHolds"/> keeps this replica's holds alive; <see cref="ReplyGate"/> is what
    /// every channel asks right before it replies. Safe to call from every channel.
    /// </summary>
    public static IServiceCollection AddAcceptedWorkJournal(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPaperBotSharedStorage(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AcceptedWorkJournal>();
        services.TryAddSingleton<PostgresAcceptedWorkJournal>();
        services.TryAddSingleton<IAcceptedWorkJournal>(sp => SharedStorageServiceCollectionExtensions.IsShared(sp)
            ? sp.GetRequiredService<PostgresAcceptedWorkJournal>()
            : sp.GetRequiredService<AcceptedWorkJournal>());
        services.TryAddSingleton<ReplyGate>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AcceptedWorkHolds>());
        return services;
    }
}
