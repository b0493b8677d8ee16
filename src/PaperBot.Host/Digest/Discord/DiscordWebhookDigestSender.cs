using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PaperBot.Core.Digest;

namespace PaperBot.Host.Digest.Discord;

/// <summary>
/// Digests through a Discord channel webhook (no bot token): <c>POST {url}?wait=true</c>, so Discord confirms the
/// message was saved and returns it. 404 means the webhook was deleted and 401/403 that its token is no longer
/// valid: the subscription is deactivated and never called again. Webhooks have no nonce, so a part whose POST
/// timed out is in doubt and not re-sent.
/// </summary>
public sealed class DiscordWebhookDigestSender(IHttpClientFactory httpClientFactory, IOptions<DigestWebhookOptions> options) : IDigestSender
{
    public const string HttpClientName = "digest-discord-webhook";

    public string Kind => DiscordWebhookTarget.KindName;

    public bool ResendsSafely => false;

    public int CountParts(DigestContent content) => DiscordDigestFormatter.Render(content).Count;

    public async Task<string?> SendPartAsync(string address, DigestContent content, int part, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (WebhookUrlPolicy.Check(address, options.Value.AllowedWebhookHosts) is { } refused)
        {
            throw new DigestNotPostedException("webhook URL refused: " + refused, permanent: true);
        }
        var message = DiscordDigestFormatter.Render(content)[part];
        var body = JsonSerializer.Serialize(new DiscordWebhookPayload(message.Content, message.Embeds, DiscordAllowedMentions.None));
        using var request = new HttpRequestMessage(HttpMethod.Post, WithWait(address))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        var client = httpClientFactory.CreateClient(HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError)
        {
            throw new DigestNotPostedException($"could not reach the webhook host: {e.Message}", permanent: false, e);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return MessageId(text);
            }
            var detail = $"{(int)response.StatusCode} {Shorten(text)}";
            throw response.StatusCode switch
            {
                HttpStatusCode.NotFound => new DigestTargetGoneException($"Discord says the webhook does not exist any more ({detail})"),
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new DigestTargetGoneException($"Discord refused the webhook's token ({detail})"),
                HttpStatusCode.TooManyRequests => new DigestNotPostedException($"rate limited by Discord ({detail})", permanent: false),
                >= HttpStatusCode.MultipleChoices and < HttpStatusCode.BadRequest => new DigestNotPostedException($"the webhook host answered with a redirect, which is never followed ({(int)response.StatusCode})", permanent: true),
                >= HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout => new DigestNotPostedException($"Discord error ({detail})", permanent: false),
                _ => new DigestNotPostedException($"Discord refused the message ({detail})", permanent: true),
            };
        }
    }

    private static string WithWait(string address)
    {
        var trimmed = address.Trim();
        return trimmed + (trimmed.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "wait=true";
    }

    private static string? MessageId(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.TryGetProperty("id", out var id) ? id.ToString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
