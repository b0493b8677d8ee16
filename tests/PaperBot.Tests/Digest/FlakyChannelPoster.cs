using PaperBot.Host.Channels.Discord.Api;
using PaperBot.Host.Digest.Discord;

namespace PaperBot.Tests.Digest;

/// <summary>
/// Stands in for the bot client (another helper's code, not ours): records each post and times out on the first,
/// as a POST whose answer never arrived would.
/// </summary>
public sealed class FlakyChannelPoster : IDiscordChannelPoster
{
    public List<(string ChannelId, string Nonce, OutgoingMessage Message)> Calls { get; } = [];

    public Task<string?> PostAsync(string channelId, OutgoingMessage message, string nonce, CancellationToken cancellationToken)
    {
        Calls.Add((channelId, nonce, message));
        return Calls.Count == 1 ? throw new TimeoutException("no answer within 30 s") : Task.FromResult<string?>("999");
    }
}
