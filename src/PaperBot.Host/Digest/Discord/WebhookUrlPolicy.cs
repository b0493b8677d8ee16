using System.Text.RegularExpressions;

namespace PaperBot.Host.Digest.Discord;

/// <summary>
/// Webhook URLs are accepted only when they are Discord's execute-webhook URL on an allow-listed host:
/// <c>https://{host}/api[/vN]/webhooks/{id}/{token}</c> on port 443, optionally with <c>?thread_id=</c>. A subscription
/// must not turn PaperBot into a client that POSTs to arbitrary addresses, ports or API routes. Loopback hosts (tests and
/// local fakes) may use http and any port, as before.
/// </summary>
public static partial class WebhookUrlPolicy
{
    /// <summary>Returns why the URL is refused, or null when it is acceptable.</summary>
    public static string? Check(string url, IReadOnlyCollection<string> allowedHosts)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "not an http(s) URL.";
        }
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "the URL may not contain user credentials.";
        }
        var host = uri.Host.ToLowerInvariant();
        var allowed = allowedHosts.Any(h => string.Equals(h.Trim(), host, StringComparison.OrdinalIgnoreCase));
        if (!allowed)
        {
            return $"host \"{host}\" is not allowed for webhooks (allowed: {string.Join(", ", allowedHosts)}; see Digest:AllowedWebhookHosts).";
        }
        if (!uri.IsLoopback)
        {
            if (uri.Scheme != Uri.UriSchemeHttps)
            {
                return "webhook URLs must use https.";
            }
            if (uri.Port != 443)
            {
                return $"webhook URLs must use the https port 443, not {uri.Port}.";
            }
        }
        if (!ExecutePath().IsMatch(uri.AbsolutePath))
        {
            return "not a webhook execute URL (expected https://HOST/api/webhooks/ID/TOKEN).";
        }
        if (uri.Query.Length > 1 && !AllowedQuery().IsMatch(uri.Query))
        {
            return "the only query a webhook URL may carry is thread_id.";
        }
        if (uri.Fragment.Length > 0)
        {
            return "a webhook URL has no fragment.";
        }
        return null;
    }

    // Discord's execute route exactly: an id of digits, a token of URL-safe characters, nothing after it (…/github and
    // …/slack are other routes), and no dot-segments (Uri has already resolved them, so they cannot hide another path).
    [GeneratedRegex(@"^/api(/v[0-9]{1,2})?/webhooks/[0-9]{1,25}/[A-Za-z0-9_\-]{1,200}$", RegexOptions.CultureInvariant)]
    private static partial Regex ExecutePath();

    [GeneratedRegex(@"^\?thread_id=[0-9]{1,25}$", RegexOptions.CultureInvariant)]
    private static partial Regex AllowedQuery();
}
