namespace PaperBot.Host.Channels.Discord.Transport;

/// <summary>Per-request facts the rate-limit handler and the retry rules read.</summary>
public static class DiscordRequestOptions
{
    /// <summary>What the request may be repeated after; <see cref="DiscordRepeat.IfNotSent"/> when unset.</summary>
    public static readonly HttpRequestOptionsKey<DiscordRepeat> Repeat = new("PaperBot.Discord.Repeat");

    /// <summary>Its retries and timeouts; <see cref="DiscordHttpPolicy.Bot"/> when unset.</summary>
    public static readonly HttpRequestOptionsKey<DiscordHttpPolicy> Policy = new("PaperBot.Discord.Policy");

    public static DiscordHttpPolicy PolicyOf(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Policy, out var policy) ? policy : DiscordHttpPolicy.Bot;

    public static DiscordRepeat RepeatOf(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Repeat, out var repeat) ? repeat : DiscordRepeat.IfNotSent;
}
