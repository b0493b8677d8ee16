using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace PaperBot.Host.Channels.Teams.Auth;

/// <summary>
/// Keys from the Bot Connector's OpenID metadata (<c>Teams:OpenIdMetadataUrl</c> → <c>jwks_uri</c>), cached and
/// refreshed daily or when a token names a key we have not seen. Endorsements are read from the raw key set
/// because IdentityModel's <see cref="JsonWebKey"/> does not surface that non-standard field.
/// </summary>
public sealed class BotConnectorSigningKeys(
    IHttpClientFactory httpClientFactory,
    IOptions<TeamsOptions> options,
    TimeProvider timeProvider,
    ILogger<BotConnectorSigningKeys> logger) : IDisposable
{
    public const string HttpClientName = "TeamsOpenId";

    /// <summary>The SDK refreshes every few days; daily is as cheap and picks up rotations sooner.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(24);

    /// <summary>A flood of tokens with made-up key ids must not turn into a flood of metadata fetches.</summary>
    public static readonly TimeSpan UnknownKeyRefreshThrottle = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private SigningKeySnapshot _current = SigningKeySnapshot.Empty;

    public async Task<SigningKeySnapshot> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = _current;
        return timeProvider.GetUtcNow() - snapshot.FetchedAt < RefreshInterval
            ? snapshot
            : await RefreshAsync(RefreshInterval, cancellationToken);
    }

    /// <summary>Refetches when the key id is still unknown and the last fetch is older than the throttle.</summary>
    public async Task<SigningKeySnapshot> GetForUnknownKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        var snapshot = _current;
        return snapshot.Keys.ContainsKey(keyId) ? snapshot : await RefreshAsync(UnknownKeyRefreshThrottle, cancellationToken);
    }

    private async Task<SigningKeySnapshot> RefreshAsync(TimeSpan ifOlderThan, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (timeProvider.GetUtcNow() - _current.FetchedAt < ifOlderThan)
            {
                return _current; // another caller refreshed while we waited
            }
            _current = await FetchAsync(cancellationToken);
            logger.LogInformation("Fetched {Count} Bot Connector signing keys", _current.Keys.Count);
            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SigningKeySnapshot> FetchAsync(CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(HttpClientName);
        var metadataUrl = RequireTrustedUrl(options.Value.OpenIdMetadataUrl, "Teams:OpenIdMetadataUrl");
        using var metadata = JsonDocument.Parse(await client.GetStringAsync(metadataUrl, cancellationToken));
        var jwksUri = metadata.RootElement.TryGetProperty("jwks_uri", out var j) && j.ValueKind == JsonValueKind.String
            ? j.GetString()!
            : throw new InvalidOperationException($"The OpenID metadata at {metadataUrl} has no jwks_uri.");
        var keySetJson = await client.GetStringAsync(RequireTrustedUrl(jwksUri, "jwks_uri"), cancellationToken);

        var keys = new Dictionary<string, SecurityKey>(StringComparer.Ordinal);
        foreach (var key in new JsonWebKeySet(keySetJson).GetSigningKeys())
        {
            if (!string.IsNullOrEmpty(key.KeyId))
            {
                keys[key.KeyId] = key;
            }
        }
        var endorsements = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        using var raw = JsonDocument.Parse(keySetJson);
        if (raw.RootElement.TryGetProperty("keys", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var key in array.EnumerateArray())
            {
                if (key.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String
                    && key.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    endorsements[kid.GetString()!] = list.EnumerateArray()
                        .Where(e => e.ValueKind == JsonValueKind.String)
                        .Select(e => e.GetString()!)
                        .ToHashSet(StringComparer.Ordinal);
                }
            }
        }
        return new SigningKeySnapshot(keys, endorsements, timeProvider.GetUtcNow());
    }

    /// <summary>Keys decide who may talk to the bot, so they come over https; plain http only from loopback (tests, local fakes).</summary>
    private static Uri RequireTrustedUrl(string url, string what)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new InvalidOperationException($"{what} \"{url}\" is not an absolute URL.");
        }
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        {
            throw new InvalidOperationException($"{what} \"{url}\" must use https (plain http is allowed for loopback only).");
        }
        return uri;
    }

    public void Dispose() => _gate.Dispose();
}
