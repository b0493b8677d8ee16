using PaperBot.Host.Channels.Discord.Api;

namespace PaperBot.Host.Digest.Discord;

/// <summary>
/// One Discord message of a digest, within Discord's limits (content ≤ 2000, ≤ 10 embeds, ≤ 6000 embed characters).
/// Whoever posts it must send <c>allowed_mentions: {"parse": []}</c>: paper text must never ping anyone.
/// </summary>
public sealed record DiscordDigestMessage(string? Content, IReadOnlyList<DiscordEmbed> Embeds)
{
    /// <summary>A row of buttons per paper, when the bot posts it (webhooks cannot carry buttons that call the bot).</summary>
    public IReadOnlyList<DiscordComponent>? Components { get; init; }
}
