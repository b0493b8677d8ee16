using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PaperBot.Core.Digest;

public static class DigestCoreServiceCollectionExtensions
{
    /// <summary>Subscriptions, outbox, composition and dispatch; senders are added by the host (one per target kind).</summary>
    public static IServiceCollection AddDigestCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DigestOptions>().Bind(configuration.GetSection(DigestOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // An LLM summarizer registered earlier (the summarize_paper prompt) wins over the extractive default.
        services.TryAddSingleton<IPaperSummarizer, ExtractiveSummarizer>();
        services.AddSingleton<DigestSubscriptionStore>();
        services.AddSingleton<DigestOutbox>();
        services.AddSingleton<DigestComposer>();
        services.AddSingleton<DigestDispatcher>();
        services.AddSingleton<DigestCommands>();
        services.AddSingleton<DigestConfiguredSubscriptions>();
        return services;
    }
}
