using Microsoft.Extensions.Options;

namespace PaperBot.Host.Channels.Teams.Connector;

/// <summary>
/// Decides where the bot may send, and whether its token goes along. With authentication on, only allow-listed
/// service URLs (<c>Teams:AllowedServiceUrls</c>) get anything. With no app id (development) only loopback
/// service URLs are used, and never with a token: an unauthenticated activity could name any URL.
/// </summary>
public sealed class ServiceUrlAllowList(IOptions<TeamsOptions> options)
{
    public ServiceUrlDecision Check(string? serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return ServiceUrlDecision.Refused("not an absolute http(s) URL");
        }
        var settings = options.Value;
        if (!settings.AuthenticationEnabled)
        {
            return uri.IsLoopback
                ? new ServiceUrlDecision(true, false, "development mode: loopback, no token")
                : ServiceUrlDecision.Refused("development mode (no Teams:AppId) sends only to loopback service URLs");
        }
        foreach (var entry in settings.EffectiveAllowedServiceUrls)
        {
            if (TryParseEntry(entry, out var allowed) && Matches(allowed, uri))
            {
                return new ServiceUrlDecision(true, true, "allow-listed");
            }
        }
        return ServiceUrlDecision.Refused("not in Teams:AllowedServiceUrls");
    }

    /// <summary>An entry is an absolute http(s) URL whose host may start with <c>*.</c>.</summary>
    public static bool TryParseEntry(string entry, out AllowedServiceUrl allowed)
    {
        allowed = default;
        var wildcard = false;
        var text = entry.Trim();
        var hostStart = text.IndexOf("://", StringComparison.Ordinal);
        if (hostStart > 0 && text.AsSpan(hostStart + 3).StartsWith("*."))
        {
            wildcard = true;
            text = text.Remove(hostStart + 3, 2);
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return false;
        }
        allowed = new AllowedServiceUrl(uri.Scheme, uri.IdnHost, uri.Port, wildcard);
        return true;
    }

    private static bool Matches(AllowedServiceUrl allowed, Uri uri)
    {
        if (uri.Scheme != allowed.Scheme || uri.Port != allowed.Port)
        {
            return false;
        }
        var host = uri.IdnHost;
        return allowed.Wildcard
            ? host.EndsWith("." + allowed.Host, StringComparison.OrdinalIgnoreCase)
            : string.Equals(host, allowed.Host, StringComparison.OrdinalIgnoreCase);
    }
}
