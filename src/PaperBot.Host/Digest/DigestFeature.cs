using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using PaperBot.Core.Digest;
using PaperBot.Host.Digest.Discord;
using PaperBot.Host.Digest.Fetch;
using PaperBot.Host.Digest.Inbox;
using PaperBot.Host.Digest.Teams;
using PaperBot.Host.Reliability;

namespace PaperBot.Host.Digest;

/// <summary>The daily digest: core services, the webhook sender with its HTTP resilience, the scheduler and the inbox.</summary>
public static class DigestFeature
{
    public static IServiceCollection AddPaperBotDigest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDigestCore(configuration);
        services.AddOptions<DigestWebhookOptions>().Bind(configuration.GetSection(DigestWebhookOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TeamsDigestOptions>().Bind(configuration.GetSection(TeamsDigestOptions.SectionName));
        // The channels' kinds of target, registered whether or not their channel can post here, so subscriptions to
        // them can be checked, listed and told apart; in this order, the order configuration errors name their keys.
        services.AddDigestTargetKind<DiscordWebhookTarget>();
        services.AddDigestTargetKind<DiscordChannelTarget>();
        services.AddDigestTargetKind<TeamsConversationTarget>();
        services.AddHttpClient(DiscordWebhookDigestSender.HttpClientName, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan; // the resilience layer times each attempt
                client.DefaultRequestHeaders.UserAgent.ParseAdd("PaperBot-Digest/1.0");
            })
            .RefuseRedirects()
            .AddResilienceHandler("digest", (builder, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptions<DigestOptions>>().Value;
                builder.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = o.HttpRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(o.HttpRetryDelayMilliseconds),
                    ShouldRetryAfterHeader = false,
                    ShouldHandle = args => DigestHttpRetry.ShouldRetryAsync(args.Outcome, TimeSpan.FromSeconds(o.MaxRetryAfterSeconds)),
                    DelayGenerator = args => DigestHttpRetry.DelayAsync(args.Outcome),
                });
                builder.AddTimeout(TimeSpan.FromSeconds(o.HttpTimeoutSeconds));
            });
        services.AddDigestSender<DiscordWebhookDigestSender>();
        services.AddHostedService<DigestScheduler>();
        services.AddInbox(configuration);
        services.AddPaperFetchers(configuration);
        return services;
    }

    /// <summary>Digests to Discord channels through the bot; the lead registers the bot client's poster here at merge.</summary>
    public static IServiceCollection AddDiscordChannelDigestDelivery<TPoster>(this IServiceCollection services)
        where TPoster : class, IDiscordChannelPoster
    {
        services.TryAddSingleton<IDiscordChannelPoster, TPoster>();
        services.AddDigestSender<DiscordChannelDigestSender>();
        return services;
    }

    /// <summary>Digests to Teams conversations through the connector client's proactive sends.</summary>
    public static IServiceCollection AddTeamsDigestDelivery<TSender>(this IServiceCollection services)
        where TSender : class, ITeamsProactiveSender
    {
        services.TryAddSingleton<ITeamsProactiveSender, TSender>();
        services.AddDigestSender<TeamsConversationDigestSender>();
        return services;
    }
}
