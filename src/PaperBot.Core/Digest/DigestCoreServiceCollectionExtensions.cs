using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PaperBot.Core.Storage;
using PaperBot.Core.Storage.Postgres;

namespace PaperBot.Core.Digest;

public static class DigestCoreServiceCollectionExtensions
{
    /// <summary>
    /// Subscriptions, outbox, composition and dispatch. Channels add their target kinds (<see cref="AddDigestTargetKind{TKind}"/>)
    /// and senders (<see cref="IDigestSender"/>, one per kind) in any order.
    /// </summary>
    public static IServiceCollection AddDigestCore(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(DigestOptions.SectionName);
        services.AddOptions<DigestOptions>().Bind(section)
            .Configure(o => KeepSubscriptionFields(section.GetSection(nameof(DigestOptions.Subscriptions)), o.Subscriptions))
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DigestOptions>, DigestSubscriptionTargetsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPaperSummarizer, ExtractiveSummarizer>();
        services.TryAddSingleton<DigestTargetKinds>();
        // Where subscriptions and the outbox live follows the validated Storage options: one SQLite file, or
        // PostgreSQL shared by every replica so each digest is claimed and posted by one of them.
        services.AddPaperBotSharedStorage(configuration);
        services.TryAddSingleton<DigestSubscriptionStore>();
        services.TryAddSingleton<PostgresDigestSubscriptionStore>();
        services.TryAddSingleton<IDigestSubscriptionStore>(sp => SharedStorageServiceCollectionExtensions.IsShared(sp)
            ? sp.GetRequiredService<PostgresDigestSubscriptionStore>()
            : sp.GetRequiredService<DigestSubscriptionStore>());
        services.TryAddSingleton<DigestOutbox>();
        services.TryAddSingleton<PostgresDigestOutbox>();
        services.TryAddSingleton<IDigestOutbox>(sp => SharedStorageServiceCollectionExtensions.IsShared(sp)
            ? sp.GetRequiredService<PostgresDigestOutbox>()
            : sp.GetRequiredService<DigestOutbox>());
        services.TryAddSingleton<DigestComposer>();
        services.TryAddSingleton<DigestDispatcher>();
        services.TryAddSingleton<DigestCommands>();
        services.TryAddSingleton<DigestConfiguredSubscriptions>();
        return services;
    }

    /// <summary>A channel's kind of digest target; see <see cref="IDigestTargetKind"/>.</summary>
    public static IServiceCollection AddDigestTargetKind<TKind>(this IServiceCollection services)
        where TKind : class, IDigestTargetKind
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDigestTargetKind, TKind>());
        return services;
    }

    /// <summary>A channel's sender of digests to its kind of target.</summary>
    public static IServiceCollection AddDigestSender<TSender>(this IServiceCollection services)
        where TSender : class, IDigestSender
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDigestSender, TSender>());
        return services;
    }

    /// <summary>The channels' target keys are not known here, so each entry's plain values are kept for them.</summary>
    private static void KeepSubscriptionFields(IConfigurationSection subscriptions, List<DigestSubscriptionSettings> settings)
    {
        // The binder made one entry per child section, in this order.
        var entries = subscriptions.GetChildren().ToList();
        for (var i = 0; i < entries.Count && i < settings.Count; i++)
        {
            foreach (var field in entries[i].GetChildren().Where(f => f.Value is not null))
            {
                settings[i].Fields[field.Key] = field.Value!;
            }
        }
    }
}
