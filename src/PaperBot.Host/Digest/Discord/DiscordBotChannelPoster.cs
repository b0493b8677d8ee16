using System.Net;
using PaperBot.Core.Digest;
using PaperBot.Host.Channels.Discord.Api;
using PaperBot.Host.Channels.Discord.Transport;

namespace PaperBot.Host.Digest.Discord;

/// <summary>
/// Posts digest parts to a Discord channel as the bot, through the channel's REST client (its rate limits and
/// retries). The digest's idempotency key is the nonce, enforced, so a part re-sent after a timeout is not posted twice.
/// </summary>
public sealed class DiscordBotChannelPoster(DiscordRestClient rest) : IDiscordChannelPoster
{
    /// <summary>Discord's JSON error codes that mean the channel is gone or closed to the bot for good.</summary>
    private static readonly HashSet<int> GoneCodes = [10003 /* unknown channel */, 50001 /* missing access */, 50013 /* missing permissions */];

    public async Task<string?> PostAsync(string channelId, OutgoingMessage message, string nonce, CancellationToken cancellationToken)
    {
        var outgoing = message with { AllowedMentions = AllowedMentions.None, Nonce = nonce, EnforceNonce = true };
        try
        {
            return await rest.CreateMessageAsync(channelId, outgoing, cancellationToken);
        }
        catch (DiscordApiException e) when (e.Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden || e.Code is { } code && GoneCodes.Contains(code))
        {
            throw new DigestTargetGoneException($"the bot can no longer post in Discord channel {channelId} ({e.Message})", e);
        }
        catch (DiscordApiException e)
        {
            // 400 means this content will never be accepted; anything else (429 after retries, 5xx, 401) may pass later.
            throw new DigestNotPostedException(e.Message, permanent: e.Status == HttpStatusCode.BadRequest, e);
        }
        catch (DiscordRequestRefusedException e)
        {
            throw new DigestNotPostedException(e.Message, permanent: false, e);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            throw new DigestNotPostedException("could not reach Discord: " + e.Message, permanent: false, e);
        }
    }
}
