namespace PaperBot.Host.Channels.Discord.Transport;

/// <summary>Per-request facts the rate-limit handler and retry policy read.</summary>
public static class DiscordRequestOptions
{
    /// <summary>Set when repeating the request cannot duplicate anything (e.g. a create carrying an enforced nonce).</summary>
    public static readonly HttpRequestOptionsKey<bool> SafeToRetry = new("PaperBot.Discord.SafeToRetry");
}
