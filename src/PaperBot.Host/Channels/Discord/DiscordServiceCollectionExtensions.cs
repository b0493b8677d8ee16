using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Polly;
using PaperBot.Host.Channels.Discord.Commands;
using PaperBot.Host.Channels.Discord.Transport;
using PaperBot.Host.Reliability;

namespace PaperBot.Host.Channels.Discord;

// The adapter stays a folder of PaperBot.Host (Api = wire DTOs, Transport = REST/gateway/signature, Commands = command
// handling) rather than its own project: about 2,000 lines with no consumer other than the host yet.
public static class DiscordServiceCollectionExtensions
{
    /// <summary>
    /// The Discord channel: options (validated at start-up), the REST client behind one resilience layer, the
    /// interactions handler and its answer workers, and the gateway client (idle unless Discord:Gateway:Enabled).
    /// More slash commands (the digest) join by registering another <see cref="IDiscordCommandModule"/>.
    /// </summary>
    public static IServiceCollection AddPaperBotDiscord(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DiscordOptions>().Bind(configuration.GetSection(DiscordOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<DiscordOptions>, DiscordOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<DiscordRateLimiter>();
        services.AddTransient<DiscordRateLimitHandler>();
        // Retry outside, limiter inside: every attempt, first or retried, waits for its bucket.
        var http = services.AddHttpClient(DiscordRestClient.HttpClientName, (provider, client) =>
            DiscordRestClient.Configure(client, provider.GetRequiredService<IOptions<DiscordOptions>>().Value))
            .RefuseRedirects();
        http.AddResilienceHandler("discord", (pipeline, context) => pipeline.AddRetry(DiscordRetryRules.Create(context.ServiceProvider.GetRequiredService<TimeProvider>())));
        http.AddHttpMessageHandler<DiscordRateLimitHandler>();
        services.AddSingleton<DiscordRestClient>();

        services.AddSingleton<InteractionSignatureVerifier>();
        services.AddSingleton<UserQuestionLimiter>();
        services.AddSingleton<DiscordPaperActions>();
        services.AddSingleton<IDiscordCommandModule, AssistantCommandModule>();
        services.AddAcceptedWorkJournal(configuration);
        services.AddSingleton<DiscordInteractionQueue>();
        services.AddSingleton<DiscordInteractionHandler>();
        services.AddSingleton<DiscordInteractionWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<DiscordInteractionWorker>());

        services.AddSingleton<DiscordMentionHandler>();
        services.TryAddSingleton<PaperBot.Host.Storage.ReplicaLeadership>();
        services.AddSingleton<DiscordGatewayClient>();
        services.AddHostedService(provider => provider.GetRequiredService<DiscordGatewayClient>());
        return services;
    }
}
