namespace PaperBot.Core.Digest;

/// <summary>
/// A digest destination: a webhook URL, a Discord channel id or a Teams conversation id. A webhook URL carries its
/// secret token, so <see cref="Display"/> is what logs and listings show.
/// </summary>
public sealed record DigestTarget(DigestTargetKind Kind, string Address)
{
    public string Display => Kind == DigestTargetKind.DiscordWebhook && Uri.TryCreate(Address, UriKind.Absolute, out var uri)
        ? $"{Kind.ToName()} {uri.Authority}{RedactedWebhookPath(uri.AbsolutePath)}"
        : $"{Kind.ToName()} {Address}";

    /// <summary>"/api/webhooks/123/secret" becomes "/api/webhooks/123/…": the id identifies it, the token stays private.</summary>
    private static string RedactedWebhookPath(string path)
    {
        var slash = path.TrimEnd('/').LastIndexOf('/');
        return slash <= 0 ? path : path[..(slash + 1)] + "…";
    }
}
