using System.ComponentModel.DataAnnotations;

namespace PaperBot.Host.Channels.Discord;

/// <summary>
/// The Discord channel (<c>Discord:*</c>). Discord is switched on by setting <see cref="ApplicationId"/>;
/// secrets (<see cref="BotToken"/>, and the public key if you prefer) come from the environment,
/// e.g. <c>Discord__BotToken</c>.
/// </summary>
public sealed class DiscordOptions
{
    public const string SectionName = "Discord";

    /// <summary>The application (client) id from the Developer Portal; empty leaves Discord off.</summary>
    public string? ApplicationId { get; set; }

    /// <summary>The application's Ed25519 public key, 64 hex characters; every interaction is verified against it.</summary>
    public string? PublicKey { get; set; }

    /// <summary>Needed to register commands, reply to mentions and DMs, and use the gateway. Never put it in a file.</summary>
    public string? BotToken { get; set; }

    [Required]
    public Uri ApiBaseUrl { get; set; } = new("https://discord.com/api/v10");

    public DiscordGatewayOptions Gateway { get; set; } = new();

    /// <summary>Questions one user may ask per <see cref="UserRateLimitWindow"/> before being asked to slow down.</summary>
    [Range(1, 1000)]
    public int UserQuestionLimit { get; set; } = 6;

    public TimeSpan UserRateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Answers being composed at once; further commands wait in a queue of <see cref="QueueCapacity"/>.</summary>
    [Range(1, 64)]
    public int Workers { get; set; } = 4;

    [Range(1, 10_000)]
    public int QueueCapacity { get; set; } = 256;

    /// <summary>
    /// Responses with status 401, 403 or 429 tolerated per 10 minutes before the client refuses to send more;
    /// Discord bans an IP for a while at 10,000, so this stays far below.
    /// </summary>
    [Range(1, 9_000)]
    public int InvalidRequestBudget { get; set; } = 1_000;

    /// <summary>
    /// How far the signed timestamp may be from this machine's clock before an interaction is refused as a replay
    /// (Discord sets no window; this is hardening). Zero switches the check off, for a host whose clock cannot be trusted.
    /// </summary>
    public TimeSpan SignatureMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    public bool Enabled => !string.IsNullOrWhiteSpace(ApplicationId);
}
