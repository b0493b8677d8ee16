using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PaperBot.Host.Channels.Teams.Wire;

namespace PaperBot.Host.Channels.Teams.Auth;

/// <summary>
/// Checks the bearer token on an inbound activity the way the Bot Connector requires: issuer, signature by a
/// published key, audience = our app id, lifetime (5 min skew), the key endorsed for the activity's channel,
/// and the <c>serviceurl</c> claim equal to the activity's serviceUrl.
/// </summary>
public sealed class BotConnectorTokenValidator(
    BotConnectorSigningKeys signingKeys,
    IOptions<TeamsOptions> options,
    TimeProvider timeProvider)
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly string[] AllowedAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public async Task<InboundAuthResult> ValidateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.AuthenticationEnabled)
        {
            // Development mode. A token we cannot check (no audience) is refused rather than silently ignored.
            return string.IsNullOrEmpty(authorizationHeader)
                ? InboundAuthResult.Anonymous
                : InboundAuthResult.Unauthorized("an Authorization header was sent but Teams:AppId is not configured");
        }
        if (string.IsNullOrEmpty(authorizationHeader))
        {
            return InboundAuthResult.Unauthorized("missing Authorization header");
        }
        var parts = authorizationHeader.Split(' ');
        if (parts.Length != 2 || parts[0] != "Bearer" || parts[1].Length == 0)
        {
            return InboundAuthResult.Unauthorized("the Authorization header must be \"Bearer <token>\"");
        }
        var token = parts[1];
        JsonWebToken jwt;
        try
        {
            jwt = _handler.ReadJsonWebToken(token);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or SecurityTokenException or System.Text.Json.JsonException or InvalidOperationException)
        {
            // Junk, a JWE (five parts) or a header that is not JSON: none of it is a token the connector sends.
            return InboundAuthResult.Unauthorized("the bearer token is not a JWT");
        }
        if (jwt.IsEncrypted)
        {
            return InboundAuthResult.Unauthorized("encrypted tokens are not accepted");
        }

        // Cheap checks on the unverified token first, as the SDK does, so junk never costs a key fetch.
        string issuer;
        try
        {
            issuer = jwt.Issuer;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or SecurityTokenException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return InboundAuthResult.Unauthorized("the bearer token's claims cannot be read");
        }
        if (!string.Equals(issuer, TeamsOptions.BotFrameworkIssuer, StringComparison.Ordinal))
        {
            return InboundAuthResult.Unauthorized("issuer not accepted");
        }
        if (!AllowedAlgorithms.Contains(jwt.Alg, StringComparer.Ordinal))
        {
            return InboundAuthResult.Unauthorized($"algorithm \"{jwt.Alg}\" not accepted");
        }
        if (string.IsNullOrEmpty(jwt.Kid))
        {
            return InboundAuthResult.Unauthorized("the token names no signing key");
        }

        SigningKeySnapshot keys;
        try
        {
            keys = await signingKeys.GetAsync(cancellationToken);
            if (!keys.Keys.ContainsKey(jwt.Kid))
            {
                keys = await signingKeys.GetForUnknownKeyAsync(jwt.Kid, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or System.Text.Json.JsonException or ArgumentException or TaskCanceledException)
        {
            return InboundAuthResult.Unauthorized($"signing keys unavailable: {ex.Message}");
        }
        if (!keys.Keys.TryGetValue(jwt.Kid, out var key))
        {
            return InboundAuthResult.Unauthorized("signed with an unknown key");
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = TeamsOptions.BotFrameworkIssuer,
            ValidateIssuer = true,
            ValidAudience = settings.AppId,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = ClockSkew,
            RequireSignedTokens = true,
            IssuerSigningKey = key,
            ValidateIssuerSigningKey = true,
            ValidAlgorithms = AllowedAlgorithms,
            // Our clock, not DateTime.UtcNow, so the 5-minute skew is testable.
            LifetimeValidator = (notBefore, expires, _, _) => IsWithinLifetime(notBefore, expires, timeProvider.GetUtcNow().UtcDateTime),
        };
        TokenValidationResult result;
        try
        {
            result = await _handler.ValidateTokenAsync(token, parameters);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or SecurityTokenException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return InboundAuthResult.Unauthorized(ex.GetType().Name);
        }
        if (!result.IsValid)
        {
            return InboundAuthResult.Unauthorized(result.Exception?.GetType().Name ?? "token rejected");
        }

        if (string.IsNullOrEmpty(activity.ChannelId)
            || !keys.Endorsements.TryGetValue(jwt.Kid, out var endorsed)
            || !endorsed.Contains(activity.ChannelId))
        {
            return InboundAuthResult.Forbidden($"the signing key is not endorsed for channel \"{activity.ChannelId}\"");
        }
        if (!jwt.TryGetPayloadValue<string>("serviceurl", out var serviceUrlClaim)
            || string.IsNullOrEmpty(serviceUrlClaim)
            || !string.Equals(serviceUrlClaim, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return InboundAuthResult.Forbidden("the token's serviceurl claim does not match the activity's serviceUrl");
        }
        return InboundAuthResult.Authenticated;
    }

    public static bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, DateTime nowUtc) =>
        expires is { } exp && exp.ToUniversalTime() + ClockSkew >= nowUtc
        && (notBefore is not { } nbf || nbf.ToUniversalTime() - ClockSkew <= nowUtc);
}
