namespace PaperBot.Host.Channels.Discord.Transport;

/// <summary>
/// How hard one Discord request tries: retries after a failure that <see cref="DiscordRepeat"/> allows (exponential
/// backoff from <paramref name="RetryDelay"/>, or the wait a 429 names), the longest 429 wait accepted (beyond it the
/// request fails at once rather than hold its caller), and how long one attempt may take once its rate-limit bucket
/// lets it go. Every request through the Discord transport carries one; see <see cref="DiscordRetryRules"/>.
/// </summary>
public sealed record DiscordHttpPolicy(int Retries, TimeSpan RetryDelay, TimeSpan MaxRetryAfter, TimeSpan AttemptTimeout)
{
    /// <summary>
    /// The bot's own calls (interaction replies, channel messages, commands, the gateway URL): a user is waiting, so
    /// three quick retries; a 429 asking for more than a minute fails (the limiter holds the bucket that long anyway,
    /// so waiting would only stall the reply); Discord answers in well under a second, so 30 s means it never will.
    /// </summary>
    public static DiscordHttpPolicy Bot { get; } = new(3, TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30));
}
