namespace PaperBot.Core.Digest;

/// <summary>Where a digest goes. Each kind has one <see cref="IDigestSender"/>.</summary>
public enum DigestTargetKind
{
    /// <summary>A Discord channel webhook URL: needs no bot token.</summary>
    DiscordWebhook,
    /// <summary>A Discord channel id, posted to by the bot.</summary>
    DiscordChannel,
    /// <summary>A Teams conversation id, posted to proactively from its stored conversation reference.</summary>
    TeamsConversation,
}
