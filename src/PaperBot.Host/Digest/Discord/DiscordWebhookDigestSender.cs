using System.Net;
using Microsoft.Extensions.Options;
using PaperBot.Core.Digest;
using PaperBot.Host.Channels.Discord.Api;
using PaperBot.Host.Channels.Discord.Transport;

namespace PaperBot.Host.Digest.Discord;

/// <summary>
/// Digests through a Discord channel webhook (no bot token), sent by the Discord transport like every Discord request
/// (<see cref="DiscordRestClient.ExecuteWebhookAsync"/>: its rate limiter, retries and redirect refusal), with the
/// digest's own retry settings. 404 means the webhook was deleted and 401/403 that its token is no longer valid: the
/// subscription is deactivated and never called again. Webhooks have no nonce, so a part whose POST timed out is in
/// doubt and not re-sent.
/// </summary>
public sealed class DiscordWebhookDigestSender(DiscordRestClient rest, IOptions<DigestWebhookOptions> options) : IDigestSender
{
    public string Kind => DiscordWebhookTarget.KindName;

    public bool ResendsSafely => false;

    public int CountParts(DigestContent content) => DiscordDigestFormatter.Render(content).Count;

    public async Task<string?> SendPartAsync(string address, DigestContent content, int part, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (WebhookUrlPolicy.Check(address, options.Value.AllowedWebhookHosts) is { } refused)
        {
            throw new DigestNotPostedException("webhook URL refused: " + refused, permanent: true);
        }
        var message = DiscordDigestFormatter.Render(content)[part] with { AllowedMentions = AllowedMentions.None };
        try
        {
            return await rest.ExecuteWebhookAsync(address, message, options.Value.HttpPolicy, cancellationToken);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError)
        {
            throw new DigestNotPostedException($"could not reach the webhook host: {e.Message}", permanent: false, e);
        }
        catch (DiscordRequestRefusedException e)
        {
            // The transport refused to send (a webhook that answered 404 before, too many invalid requests lately).
            throw new DigestNotPostedException(e.Message, permanent: false, e);
        }
        catch (DiscordApiException e)
        {
            throw e.Status switch
            {
                HttpStatusCode.NotFound => new DigestTargetGoneException($"Discord says the webhook does not exist any more ({e.Message})", e),
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new DigestTargetGoneException($"Discord refused the webhook's token ({e.Message})", e),
                HttpStatusCode.TooManyRequests => new DigestNotPostedException($"rate limited by Discord ({e.Message})", permanent: false, e),
                >= HttpStatusCode.MultipleChoices and < HttpStatusCode.BadRequest => new DigestNotPostedException($"the webhook host answered with a redirect, which is never followed ({(int)e.Status})", permanent: true, e),
                >= HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout => new DigestNotPostedException($"Discord error ({e.Message})", permanent: false, e),
                _ => new DigestNotPostedException($"Discord refused the message ({e.Message})", permanent: true, e),
            };
        }
    }
}
