namespace PaperBot.Core.Digest;

/// <summary>
/// Webhook URLs are accepted only for allow-listed hosts: a subscription must not turn PaperBot into a client
/// that POSTs to arbitrary addresses. https is required except for loopback hosts (tests).
/// </summary>
public static class WebhookUrlPolicy
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
        if (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)
        {
            return "webhook URLs must use https.";
        }
        if (!uri.AbsolutePath.Contains("/webhooks/", StringComparison.Ordinal))
        {
            return "not a webhook execute URL (expected …/api/webhooks/ID/TOKEN).";
        }
        return null;
    }
}
