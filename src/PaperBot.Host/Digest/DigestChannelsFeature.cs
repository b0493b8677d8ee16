using Microsoft.Extensions.DependencyInjection.Extensions;
using PaperBot.Core.Digest;
using PaperBot.Core.Llm;
using PaperBot.Host.Channels.Discord;
using PaperBot.Host.Channels.Discord.Commands;
using PaperBot.Host.Channels.Teams;
using PaperBot.Host.Digest.Discord;
using PaperBot.Host.Digest.Teams;

namespace PaperBot.Host.Digest;

/// <summary>
/// Connects the digest to the channels and the model: bot delivery to Discord channels when a bot token is set,
/// proactive delivery to Teams conversations when the Teams app id is set, the /digest and "digest" chat commands,
/// and model-written summaries when an LLM provider is configured. Call after the channel and LLM features.
/// </summary>
public static class DigestChannelsFeature
{
    public static IServiceCollection AddDigestChannels(this IServiceCollection services, IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(configuration[$"{DiscordOptions.SectionName}:{nameof(DiscordOptions.BotToken)}"]))
        {
            services.AddDiscordChannelDigestDelivery<DiscordBotChannelPoster>();
        }
        if (!string.IsNullOrWhiteSpace(configuration[$"{TeamsOptions.SectionName}:{nameof(TeamsOptions.AppId)}"]))
        {
            services.AddTeamsDigestDelivery<TeamsConnectorProactiveSender>();
        }
        // The commands work without delivery: status and preview need none, and subscribe says when posting is not possible.
        services.AddSingleton<IDiscordCommandModule, DigestSlashCommandModule>();
        services.AddSingleton<ITeamsTextCommand, DigestTeamsTextCommand>();
        // The LLM feature registers its summarizer only when a provider is configured.
        if (services.Any(d => d.ServiceType == typeof(PaperSummarizer)))
        {
            services.Replace(ServiceDescriptor.Singleton<IPaperSummarizer, LlmDigestPaperSummarizer>());
            services.AddSingleton<IDigestOverviewWriter, LlmDigestOverviewWriter>();
        }
        return services;
    }
}
