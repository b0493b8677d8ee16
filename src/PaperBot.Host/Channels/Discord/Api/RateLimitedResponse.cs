namespace PaperBot.Host.Channels.Discord.Api;

/// <summary>The body of a 429: how many seconds to wait and whether the whole bot is limited.</summary>
public sealed record RateLimitedResponse(string? Message, double RetryAfter, bool Global, int? Code = null);
