using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using PaperBot.Host.Channels.Teams.Auth;
using PaperBot.Host.Channels.Teams.Wire;

namespace PaperBot.Host.Channels.Teams.Connector;

/// <summary>
/// The Bot Connector v3 REST calls PaperBot makes: send to a conversation, or reply to an activity (threaded).
/// Ids are URL-escaped (Teams ids hold <c>: ; @ =</c>), the token goes only to allow-listed service URLs, and
/// throttling (429/412/502/504) is retried by the resilience handler on the named client.
/// </summary>
public sealed class BotConnectorClient(
    IHttpClientFactory httpClientFactory,
    ConnectorTokenProvider tokens,
    ServiceUrlAllowList allowList,
    ILogger<BotConnectorClient> logger)
{
    public const string HttpClientName = "TeamsConnector";

    /// <summary>POST {serviceUrl}v3/conversations/{id}/activities[/{replyToId}].</summary>
    /// <summary>Set on a request the resilience layer must not retry (typing indicators: a late one is worthless).</summary>
    public static readonly HttpRequestOptionsKey<bool> NoRetry = new("PaperBot.Teams.NoRetry");

    public async Task<ConnectorSendResult> SendAsync(string serviceUrl, string conversationId, string? replyToId, Activity activity, CancellationToken cancellationToken, bool retry = true)
    {
        var decision = allowList.Check(serviceUrl);
        if (!decision.Allowed)
        {
            logger.LogWarning("Not sending to {ServiceUrl}: {Reason}", serviceUrl, decision.Reason);
            return new ConnectorSendResult(ConnectorSendStatus.ServiceUrlRefused, Detail: decision.Reason);
        }
        var url = ActivitiesUrl(serviceUrl, conversationId, replyToId);
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = JsonContent.Create(activity, options: TeamsJson.Options),
            };
            if (decision.AttachToken)
            {
                try
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken));
                }
                catch (Exception ex) when (ex is ConnectorAuthException or HttpRequestException or System.Text.Json.JsonException)
                {
                    logger.LogError(ex, "No token for the connector");
                    return new ConnectorSendResult(ConnectorSendStatus.Unauthorized, Detail: ex.Message);
                }
            }
            request.Options.Set(NoRetry, !retry);
            // The body is buffered so the resilience handler can send it again.
            await request.Content.LoadIntoBufferAsync(cancellationToken);
            using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new ConnectorSendResult(ConnectorSendStatus.Sent, ReadId(body), (int)response.StatusCode);
            }
            switch (response.StatusCode)
            {
                case HttpStatusCode.Unauthorized when decision.AttachToken && attempt == 1:
                    tokens.Invalidate(); // a revoked or rotated secret: one fresh token, then give up
                    continue;
                case HttpStatusCode.Unauthorized:
                    return new ConnectorSendResult(ConnectorSendStatus.Unauthorized, HttpStatus: 401, Detail: Truncate(body));
                // 403: blocked or uninstalled. 404 with ConversationNotFound: the conversation no longer exists. Any other
                // 404 (a reply to an activity that is gone, say) is an ordinary failure and leaves the conversation active.
                case HttpStatusCode.Forbidden:
                case HttpStatusCode.NotFound when body.Contains("ConversationNotFound", StringComparison.Ordinal):
                    return new ConnectorSendResult(ConnectorSendStatus.ConversationGone, HttpStatus: (int)response.StatusCode, Detail: Truncate(body));
                default:
                    logger.LogWarning("Connector answered {Status} for {Url}: {Body}", (int)response.StatusCode, url, Truncate(body));
                    return new ConnectorSendResult(ConnectorSendStatus.Failed, HttpStatus: (int)response.StatusCode, Detail: Truncate(body));
            }
        }
    }

    public static Uri ActivitiesUrl(string serviceUrl, string conversationId, string? replyToId)
    {
        var root = serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/";
        var path = $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities";
        if (!string.IsNullOrEmpty(replyToId))
        {
            path += "/" + Uri.EscapeDataString(replyToId);
        }
        return new Uri(root + path, UriKind.Absolute);
    }

    private static string? ReadId(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<ResourceResponse>(body, TeamsJson.Options)?.Id;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string Truncate(string s) => s.Length <= 500 ? s : s[..500] + "…";
}
