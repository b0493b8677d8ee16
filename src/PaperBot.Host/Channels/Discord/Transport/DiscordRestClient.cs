using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PaperBot.Host.Channels.Discord.Api;

namespace PaperBot.Host.Channels.Discord.Transport;

/// <summary>
/// The few Discord REST calls PaperBot makes, the digest's channel webhooks included: the one Discord HTTP stack.
/// Webhooks (interaction and channel) carry their token in the path and get no Authorization header; everything else
/// is sent as the bot. Rate limits, retries and timeouts live in the HTTP pipeline, per request
/// (<see cref="DiscordRepeat"/>, <see cref="DiscordHttpPolicy"/>).
/// </summary>
public sealed class DiscordRestClient(IHttpClientFactory clients, IOptions<DiscordOptions> options)
{
    public const string HttpClientName = "discord";

    private DiscordOptions Options => options.Value;

    public Task EditOriginalResponseAsync(string interactionToken, OutgoingMessage message, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, $"webhooks/{Options.ApplicationId}/{Uri.EscapeDataString(interactionToken)}/messages/@original", message, asBot: false, DiscordRepeat.Always, cancellationToken);

    public Task CreateFollowupAsync(string interactionToken, OutgoingMessage message, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"webhooks/{Options.ApplicationId}/{Uri.EscapeDataString(interactionToken)}", message, asBot: false, DiscordRepeat.IfNotSent, cancellationToken);

    /// <summary>
    /// Creates a channel message with an enforced nonce, so a retry after a timeout cannot post it twice (a caller
    /// that re-sends later passes its own stable nonce). Returns the message's id when Discord's answer names it.
    /// </summary>
    public async Task<string?> CreateMessageAsync(string channelId, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var withNonce = message with { Nonce = message.Nonce ?? NewNonce(), EnforceNonce = true };
        using var response = await SendRawAsync(HttpMethod.Post, $"channels/{Uri.EscapeDataString(channelId)}/messages", withNonce, asBot: true, DiscordRepeat.Always, cancellationToken);
        return await MessageIdAsync(response, cancellationToken);
    }

    /// <summary>
    /// Executes a channel webhook (<c>POST {url}?wait=true</c>, so Discord confirms the message was saved) and returns
    /// the message's id when Discord's answer names it. A webhook takes no nonce, so only what Discord refused is
    /// retried (<see cref="DiscordRepeat.IfRefused"/>); the caller's <paramref name="policy"/> sets how hard.
    /// </summary>
    public async Task<string?> ExecuteWebhookAsync(string webhookUrl, OutgoingMessage message, DiscordHttpPolicy policy, CancellationToken cancellationToken)
    {
        var url = webhookUrl.Trim();
        var withWait = url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "wait=true";
        using var response = await SendRawAsync(HttpMethod.Post, withWait, message, asBot: false, DiscordRepeat.IfRefused, cancellationToken, policy);
        return await MessageIdAsync(response, cancellationToken);
    }

    private static async Task<string?> MessageIdAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("id", out var id) ? id.ToString() : null;
        }
        catch (JsonException)
        {
            // Posted (2xx) but the body is not the message; the id is only informative.
            return null;
        }
    }

    public Task TriggerTypingAsync(string channelId, CancellationToken cancellationToken) =>
        SendAsync<object>(HttpMethod.Post, $"channels/{Uri.EscapeDataString(channelId)}/typing", null, asBot: true, DiscordRepeat.Always, cancellationToken);

    /// <summary>Replaces all global commands, or a guild's commands (instant, for testing) when <paramref name="guildId"/> is set.</summary>
    public async Task<IReadOnlyList<ApplicationCommand>> OverwriteCommandsAsync(string? guildId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken)
    {
        var path = guildId is null
            ? $"applications/{Options.ApplicationId}/commands"
            : $"applications/{Options.ApplicationId}/guilds/{Uri.EscapeDataString(guildId)}/commands";
        using var response = await SendRawAsync(HttpMethod.Put, path, commands, asBot: true, DiscordRepeat.Always, cancellationToken);
        return await response.Content.ReadFromJsonAsync<List<ApplicationCommand>>(DiscordJson.Options, cancellationToken) ?? [];
    }

    public async Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync<object>(HttpMethod.Get, "gateway/bot", null, asBot: true, DiscordRepeat.Always, cancellationToken);
        return await response.Content.ReadFromJsonAsync<GatewayBotInfo>(DiscordJson.Options, cancellationToken)
            ?? throw new DiscordApiException("GET /gateway/bot returned no body.");
    }

    private async Task SendAsync<T>(HttpMethod method, string path, T? body, bool asBot, DiscordRepeat repeat, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, body, asBot, repeat, cancellationToken);
    }

    /// <param name="target">A path under the API base, or a channel webhook's own absolute URL.</param>
    private async Task<HttpResponseMessage> SendRawAsync<T>(HttpMethod method, string target, T? body, bool asBot, DiscordRepeat repeat, CancellationToken cancellationToken, DiscordHttpPolicy? policy = null)
    {
        using var request = new HttpRequestMessage(method, target);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: DiscordJson.Options);
        }
        if (asBot)
        {
            if (string.IsNullOrWhiteSpace(Options.BotToken))
            {
                throw new DiscordRequestRefusedException("Discord:BotToken is not set (use the Discord__BotToken environment variable).");
            }
            request.Headers.Authorization = new AuthenticationHeaderValue("Bot", Options.BotToken);
        }
        request.Options.Set(DiscordRequestOptions.Repeat, repeat);
        request.Options.Set(DiscordRequestOptions.Policy, policy ?? DiscordHttpPolicy.Bot);
        var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await ErrorAsync(method, Route(target), response, cancellationToken);
            }
        }
        return response;
    }

    /// <summary>The route an error names: a webhook's token is a secret, so it never appears, nor a webhook's host.</summary>
    private static string Route(string target)
    {
        var absolute = Uri.TryCreate(target, UriKind.Absolute, out var url);
        var path = absolute ? url!.AbsolutePath.TrimStart('/') : target;
        if (!path.Contains("webhooks/", StringComparison.Ordinal))
        {
            return path;
        }
        return path.EndsWith("@original", StringComparison.Ordinal) ? "webhooks/{app}/{token}/messages/@original"
            : absolute ? "webhooks/{id}/{token}" : "webhooks/{app}/{token}";
    }

    private static async Task<DiscordApiException> ErrorAsync(HttpMethod method, string route, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        int? code = null;
        var message = text;
        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.TryGetProperty("code", out var c) && c.TryGetInt32(out var n))
            {
                code = n;
            }
            if (json.RootElement.TryGetProperty("message", out var m))
            {
                message = m.GetString() ?? text;
            }
        }
        catch (JsonException)
        {
            // Not Discord's JSON (a proxy page); keep the raw text.
        }
        return new DiscordApiException(response.StatusCode, code, $"Discord {method} {route} failed: {(int)response.StatusCode} {message}");
    }

    private static string NewNonce() => RandomNumberGenerator.GetInt32(1, int.MaxValue).ToString("D", null) + RandomNumberGenerator.GetInt32(1, int.MaxValue).ToString("D", null);

    /// <summary>Sets the base address and User-Agent Discord requires; the pipeline adds retries and limits.</summary>
    public static void Configure(HttpClient client, DiscordOptions options)
    {
        var baseUrl = options.ApiBaseUrl.ToString();
        client.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
        client.DefaultRequestHeaders.UserAgent.ParseAdd("DiscordBot (https://github.com/paperbot/paperbot, 1.0)");
        client.Timeout = Timeout.InfiniteTimeSpan; // each attempt is timed by the pipeline (DiscordHttpPolicy.AttemptTimeout)
    }
}
