using Microsoft.Extensions.DependencyInjection.Extensions;
using PaperBot.Core.Digest;
using PaperBot.Host.Channels.Discord;
using PaperBot.Host.Channels.Discord.Commands;
using PaperBot.Host.Channels.Teams;
using PaperBot.Host.Digest.Discord;
using PaperBot.Host.Digest.Fetch;
using PaperBot.Host.Digest.Inbox;
using PaperBot.Host.Digest.Teams;

namespace PaperBot.Host.Digest;

/// <summary>
/// The daily digest: core services, the channels' target kinds and senders, the /digest and "digest" chat commands,
/// the scheduler, the inbox and the fetchers. Order-free: it may be registered before or after the channel and LLM
/// features (the LLM feature puts model-written summaries in place of the extractive ones itself).
/// </summary>
public static class DigestServiceCollectionExtensions
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

        // Webhook digests go through the Discord feature's transport (AddPaperBotDiscord), with the digest's retry settings.
        services.AddDigestSender<DiscordWebhookDigestSender>();

        // Posting as the bot, or proactively in Teams, needs that channel's credentials: decided from the channels'
        // own options as bound (and validated at start-up), not from the order features were added in.
        var discord = configuration.GetSection(DiscordOptions.SectionName).Get<DiscordOptions>() ?? new DiscordOptions();
        if (!string.IsNullOrWhiteSpace(discord.BotToken))
        {
            services.AddDiscordChannelDigestDelivery<DiscordBotChannelPoster>();
        }
        var teams = configuration.GetSection(TeamsOptions.SectionName).Get<TeamsOptions>() ?? new TeamsOptions();
        if (teams.AuthenticationEnabled)
        {
            services.AddTeamsDigestDelivery<TeamsConnectorProactiveSender>();
        }
        // The commands work without delivery: status and preview need none, and subscribe says when posting is not possible.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDiscordCommandModule, DigestSlashCommandModule>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITeamsTextCommand, DigestTeamsTextCommand>());

        services.AddHostedService<DigestScheduler>();
        services.AddInbox(configuration);
        services.AddPaperFetchers(configuration);
        return services;
    }

    /// <summary>Digests to Discord channels through the bot; a poster registered before (a test's) is kept.</summary>
    public static IServiceCollection AddDiscordChannelDigestDelivery<TPoster>(this IServiceCollection services)
        where TPoster : class, IDiscordChannelPoster
    {
        services.TryAddSingleton<IDiscordChannelPoster, TPoster>();
        services.AddDigestSender<DiscordChannelDigestSender>();
        return services;
    }

    /// <summary>Digests to Teams conversations through proactive sends; a sender registered before (a test's) is kept.</summary>
    public static IServiceCollection AddTeamsDigestDelivery<TSender>(this IServiceCollection services)
        where TSender : class, ITeamsProactiveSender
    {
        services.TryAddSingleton<ITeamsProactiveSender, TSender>();
        services.AddDigestSender<TeamsConversationDigestSender>();
        return services;
    }
}
