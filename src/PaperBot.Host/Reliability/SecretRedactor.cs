using System.Text.RegularExpressions;

namespace PaperBot.Host.Reliability;

/// <summary>
/// Takes secrets out of text bound for the logs: every configured secret value (bot token, app password, API keys)
/// wherever it appears, for instance echoed back in a provider's 401 message; the token segment of Discord webhook and
/// interaction URLs (<c>…/webhooks/{id}/{token}</c>, <c>…/interactions/{id}/{token}</c>); and bearer and bot credentials.
/// </summary>
public sealed partial class SecretRedactor
{
    public const string Mask = "***";

    /// <summary>Configuration keys whose values are secrets, by their last segment (<c>Llm:ApiKey</c>, <c>Teams:AppPassword</c>…).</summary>
    private static readonly HashSet<string> SecretKeyNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "BotToken", "AppPassword", "ApiKey", "ClientSecret", "Password", "Secret", "Token", "AccessToken",
    };

    /// <summary>Shorter values are not redacted on their own: they would mask ordinary words (the URL patterns still apply).</summary>
    private const int MinSecretLength = 6;

    private readonly string[] secrets;

    public SecretRedactor(IEnumerable<string?> secretValues)
    {
        // Longest first, so a secret that contains another is masked whole.
        secrets = secretValues.Where(s => s is { Length: >= MinSecretLength }).Select(s => s!.Trim()).Where(s => s.Length >= MinSecretLength)
            .Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToArray();
    }

    public static SecretRedactor FromConfiguration(IConfiguration configuration) =>
        new(configuration.AsEnumerable().Where(kv => IsSecretKey(kv.Key)).Select(kv => kv.Value));

    public static bool IsSecretKey(string key)
    {
        var last = key.LastIndexOf(':');
        return SecretKeyNames.Contains(last < 0 ? key : key[(last + 1)..]);
    }

    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }
        foreach (var secret in secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
            // URLs carry secrets escaped.
            var escaped = Uri.EscapeDataString(secret);
            if (!ReferenceEquals(escaped, secret) && escaped != secret && text.Contains(escaped, StringComparison.Ordinal))
            {
                text = text.Replace(escaped, Mask, StringComparison.Ordinal);
            }
        }
        if (text.Contains("webhooks/", StringComparison.OrdinalIgnoreCase) || text.Contains("interactions/", StringComparison.OrdinalIgnoreCase))
        {
            text = UrlToken().Replace(text, "${route}" + Mask);
        }
        if (text.Contains("Bearer ", StringComparison.OrdinalIgnoreCase) || text.Contains("Bot ", StringComparison.Ordinal))
        {
            text = Credential().Replace(text, "${scheme} " + Mask);
        }
        return text;
    }

    // The segment after webhooks/{id}/ or interactions/{id}/ is the token: Discord's own routes, and any lookalike.
    [GeneratedRegex(@"(?<route>(?:webhooks|interactions)/[^/\s?#""'<>]+/)(?!\*\*\*)[^/\s?#""'<>]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlToken();

    [GeneratedRegex(@"(?<scheme>\b(?:Bearer|Bot))\s+[A-Za-z0-9\-._~+/]{16,}=*", RegexOptions.CultureInvariant)]
    private static partial Regex Credential();
}
