using Microsoft.Extensions.Options;
using PaperBot.Core.Digest;

namespace PaperBot.Host.Digest.Discord;

/// <summary>
/// Digest targets that are Discord channel webhook URLs (no bot token needed). Only Discord's execute-webhook URL on an
/// allow-listed host is accepted (<see cref="WebhookUrlPolicy"/>), and a URL is shown without its secret token.
/// </summary>
public sealed class DiscordWebhookTarget(IOptions<DigestWebhookOptions> options) : IDigestTargetKind
{
    public const string KindName = "discord-webhook";

    public string Name => KindName;

    public string SettingName => "DiscordWebhook";

    public string? Check(string address) =>
        WebhookUrlPolicy.Check(address, options.Value.AllowedWebhookHosts) is { } refused ? "webhook URL refused: " + refused : null;

    public string Display(string address) => Uri.TryCreate(address, UriKind.Absolute, out var uri)
        ? $"{uri.Authority}{RedactedWebhookPath(uri.AbsolutePath)}"
        : address;

    /// <summary>"/api/webhooks/123/secret" becomes "/api/webhooks/123/…": the id identifies it, the token stays private.</summary>
    private static string RedactedWebhookPath(string path)
    {
        var slash = path.TrimEnd('/').LastIndexOf('/');
        return slash <= 0 ? path : path[..(slash + 1)] + "…";
    }
}
