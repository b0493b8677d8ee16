using System.ComponentModel.DataAnnotations;
using PaperBot.Core.Digest;
using PaperBot.Host.Channels.Discord.Transport;

namespace PaperBot.Host.Digest.Discord;

/// <summary>
/// Digest webhooks (<c>Digest:*</c>, in the digest's section as before): where they may point, and how hard one
/// delivery attempt tries over the Discord transport (<see cref="HttpPolicy"/>). A digest is a background job, so it
/// waits longer than a reply to a user would; the outbox retries a failed attempt later (Digest:RetryAfterSeconds).
/// </summary>
public sealed class DigestWebhookOptions : IValidatableObject
{
    public const string SectionName = DigestOptions.SectionName;

    /// <summary>Hosts a webhook URL may point at; tests add 127.0.0.1.</summary>
    public List<string> AllowedWebhookHosts { get; set; } = ["discord.com", "discordapp.com"];

    /// <summary>HTTP retries inside one attempt (429 honouring retry_after, 5xx, refused connections).</summary>
    [Range(1, DiscordRetryRules.MaxRetries)]
    public int HttpRetries { get; set; } = 3;

    /// <summary>First HTTP retry delay when the server names none; tests make it small.</summary>
    [Range(1, 60_000)]
    public int HttpRetryDelayMilliseconds { get; set; } = 1000;

    /// <summary>A 429 asking to wait longer than this fails the attempt instead of blocking the sender.</summary>
    [Range(1, 3600)]
    public int MaxRetryAfterSeconds { get; set; } = 60;

    /// <summary>Per-request timeout. A timed-out POST may have landed, so it is never retried blindly.</summary>
    [Range(1, 600)]
    public int HttpTimeoutSeconds { get; set; } = 30;

    public DiscordHttpPolicy HttpPolicy => new(HttpRetries, TimeSpan.FromMilliseconds(HttpRetryDelayMilliseconds),
        TimeSpan.FromSeconds(MaxRetryAfterSeconds), TimeSpan.FromSeconds(HttpTimeoutSeconds));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AllowedWebhookHosts.Any(string.IsNullOrWhiteSpace))
        {
            yield return new ValidationResult("Digest:AllowedWebhookHosts may not contain empty entries.");
        }
    }
}
