using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PaperBot.Host.Channels.Teams.Auth;

/// <summary>
/// The bot's own token for calling the connector: OAuth client credentials against the tenant's authority
/// (single-tenant) or botframework.com (multi-tenant), cached until five minutes before it expires.
/// </summary>
public sealed class ConnectorTokenProvider(
    IHttpClientFactory httpClientFactory,
    IOptions<TeamsOptions> options,
    TimeProvider timeProvider,
    ILogger<ConnectorTokenProvider> logger)
{
    public const string HttpClientName = "TeamsToken";

    /// <summary>Refresh this long before expiry so a token never dies in flight.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly object _lock = new();
    private (string Token, DateTimeOffset RefreshAt)? _cached;
    private Task<(string Token, DateTimeOffset RefreshAt)>? _inflight;

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        Task<(string Token, DateTimeOffset RefreshAt)> fetch;
        lock (_lock)
        {
            if (_cached is { } hit && timeProvider.GetUtcNow() < hit.RefreshAt)
            {
                return hit.Token;
            }
            // One fetch at a time, shared by every caller, and not tied to any one caller's cancellation: a
            // typing indicator that is cancelled mid-fetch must not throw away the token the answer needs.
            if (_inflight is null || _inflight.IsCompleted)
            {
                _inflight = FetchAndCacheAsync();
            }
            fetch = _inflight;
        }
        return (await fetch.WaitAsync(cancellationToken)).Token;
    }

    private async Task<(string Token, DateTimeOffset RefreshAt)> FetchAndCacheAsync()
    {
        var (token, lifetime) = await RequestAsync(CancellationToken.None);
        var margin = lifetime > RefreshMargin * 2 ? RefreshMargin : lifetime / 2;
        var entry = (token, timeProvider.GetUtcNow() + lifetime - margin);
        lock (_lock)
        {
            _cached = entry;
        }
        return entry;
    }

    /// <summary>Drops the cached token after the connector refused it, so the next send fetches a new one.</summary>
    public void Invalidate()
    {
        lock (_lock)
        {
            _cached = null;
        }
    }

    private async Task<(string Token, TimeSpan Lifetime)> RequestAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var form = new FormUrlEncodedContent(
        [
            new("grant_type", "client_credentials"),
            new("client_id", settings.AppId ?? ""),
            new("client_secret", settings.AppPassword ?? ""),
            new("scope", TeamsOptions.BotFrameworkScope),
        ]);
        var client = httpClientFactory.CreateClient(HttpClientName);
        using var response = await client.PostAsync(settings.EffectiveTokenEndpoint, form, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // The body names the problem (AADSTS codes) and never echoes the secret.
            logger.LogError("Token request to {Endpoint} failed with {Status}: {Body}", settings.EffectiveTokenEndpoint, (int)response.StatusCode, Truncate(body));
            throw new ConnectorAuthException($"The token endpoint answered {(int)response.StatusCode}.");
        }
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var token = root.TryGetProperty("access_token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (string.IsNullOrEmpty(token))
        {
            throw new ConnectorAuthException("The token endpoint's answer has no access_token.");
        }
        var seconds = root.TryGetProperty("expires_in", out var e)
            ? e.ValueKind == JsonValueKind.Number ? e.GetInt32() : int.TryParse(e.GetString(), out var s) ? s : 3600
            : 3600;
        return (token, TimeSpan.FromSeconds(Math.Max(seconds, 60)));
    }

    private static string Truncate(string s) => s.Length <= 500 ? s : s[..500] + "…";
}
