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
    ILogger<ConnectorTokenProvider> logger) : IDisposable
{
    public const string HttpClientName = "TeamsToken";

    /// <summary>Refresh this long before expiry so a token never dies in flight.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset RefreshAt)? _cached;

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } hit && timeProvider.GetUtcNow() < hit.RefreshAt)
        {
            return hit.Token;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } again && timeProvider.GetUtcNow() < again.RefreshAt)
            {
                return again.Token;
            }
            var (token, lifetime) = await RequestAsync(cancellationToken);
            var margin = lifetime > RefreshMargin * 2 ? RefreshMargin : lifetime / 2;
            _cached = (token, timeProvider.GetUtcNow() + lifetime - margin);
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Drops the cached token after the connector refused it, so the next send fetches a new one.</summary>
    public void Invalidate() => _cached = null;

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

    public void Dispose() => _gate.Dispose();
}
