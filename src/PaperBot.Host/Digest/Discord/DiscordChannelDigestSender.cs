using PaperBot.Core.Digest;

namespace PaperBot.Host.Digest.Discord;

/// <summary>Digests to a Discord channel through the bot. The bot's nonce de-duplicates, so an in-doubt part is re-sent.</summary>
public sealed class DiscordChannelDigestSender(IDiscordChannelPoster poster) : IDigestSender
{
    public string Kind => DiscordChannelTarget.KindName;

    public bool ResendsSafely => true;

    public int CountParts(DigestContent content) => DiscordDigestFormatter.Render(content, withButtons: true).Count;

    public Task<string?> SendPartAsync(string address, DigestContent content, int part, string idempotencyKey, CancellationToken cancellationToken) =>
        poster.PostAsync(address, DiscordDigestFormatter.Render(content, withButtons: true)[part], idempotencyKey, cancellationToken);
}
