using PaperBot.Host.Channels.Discord.Api;

namespace PaperBot.Host.Digest.Discord;

/// <summary>
/// The one thing the digest needs from the Discord bot client: post a message to a channel. Implemented by
/// <see cref="DiscordBotChannelPoster"/> with the bot's REST client (<c>POST /channels/{id}/messages</c>,
/// <c>Authorization: Bot …</c>, its rate limiter and retries).
/// </summary>
/// <remarks>
/// Contract: send <c>allowed_mentions {"parse": []}</c>, and <paramref name="nonce"/> (≤ 25 characters) with
/// <c>enforce_nonce: true</c> so a re-sent part is de-duplicated by Discord. Return the message id. Throw
/// <see cref="PaperBot.Core.Digest.DigestTargetGoneException"/> when the channel is unknown (10003) or the bot lost
/// access (50001 / 50013, 403), <see cref="PaperBot.Core.Digest.DigestNotPostedException"/> when Discord answered
/// with an error (permanent for 400), and let timeouts propagate.
/// </remarks>
public interface IDiscordChannelPoster
{
    Task<string?> PostAsync(string channelId, OutgoingMessage message, string nonce, CancellationToken cancellationToken);
}
