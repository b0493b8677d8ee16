using System.ComponentModel.DataAnnotations;

namespace PaperBot.Host.Channels.Teams;

/// <summary>
/// The Teams channel (<c>Teams:*</c>). With no <see cref="AppId"/> the channel runs in local-development mode:
/// unauthenticated activities are accepted, and replies go only to loopback service URLs, with no token.
/// </summary>
public sealed class TeamsOptions
{
    public const string SectionName = "Teams";

    public const string BotFrameworkIssuer = "https://api.botframework.com";
    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string BotFrameworkScope = "https://api.botframework.com/.default";

    /// <summary>Service URL hosts the Bot Connector uses (public and government clouds).</summary>
    public static IReadOnlyList<string> DefaultAllowedServiceUrls { get; } =
    [
        "https://smba.trafficmanager.net/",
        "https://*.botframework.com/",
        "https://smba.infra.gcc.teams.microsoft.com/",
        "https://smba.infra.gov.teams.microsoft.us/",
    ];

    /// <summary>The Azure Bot's Microsoft App ID; the audience inbound tokens must carry.</summary>
    public string? AppId { get; set; }

    /// <summary>The app registration's client secret (from the environment, never the repo).</summary>
    public string? AppPassword { get; set; }

    /// <summary>The Entra tenant of a single-tenant bot.</summary>
    public string? TenantId { get; set; }

    public TeamsAppType AppType { get; set; } = TeamsAppType.SingleTenant;

    [Required(AllowEmptyStrings = false), Url]
    public string OpenIdMetadataUrl { get; set; } = DefaultOpenIdMetadataUrl;

    /// <summary>Overrides the client-credentials token URL (tests point it at loopback).</summary>
    [Url]
    public string? TokenEndpoint { get; set; }

    /// <summary>Service URLs the bot may send to with its token: scheme, host (a leading <c>*.</c> matches
    /// sub-domains) and port count; the path does not. Empty means <see cref="DefaultAllowedServiceUrls"/>.</summary>
    public List<string> AllowedServiceUrls { get; set; } = [];

    /// <summary>Budget for one outgoing activity's JSON. Teams documents 100 KB, 40 KB and 28 KB in different
    /// places; 24 000 bytes stays under all of them.</summary>
    [Range(4_000, 100_000)]
    public int MaxActivityBytes { get; set; } = 24_000;

    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>First backoff step when the connector throttles without a Retry-After header.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>No single wait is longer than this, whatever Retry-After says.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Teams shows a typing indicator for about 3 s; repeat it this often while an answer is built.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan TypingInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Turns processed at the same time (each conversation's turns stay in order). Turns mostly wait on
    /// the connector and SQLite, so this is well above the core count.</summary>
    [Range(1, 64)]
    public int TurnConcurrency { get; set; } = 16;

    /// <summary>Activities accepted but not yet processed; beyond this the endpoint answers 503.</summary>
    [Range(1, 100_000)]
    public int TurnQueueCapacity { get; set; } = 512;

    /// <summary>Replies being delivered (or retried against a slow connector) at once. Delivery runs off the turn lanes,
    /// so a failing connector holds these, not the lanes; beyond this a lane waits for one to end.</summary>
    [Range(1, 100_000)]
    public int MaxPendingDeliveries { get; set; } = 2_048;

    public bool AuthenticationEnabled => !string.IsNullOrWhiteSpace(AppId);

    public IReadOnlyList<string> EffectiveAllowedServiceUrls =>
        AllowedServiceUrls.Count > 0 ? AllowedServiceUrls : DefaultAllowedServiceUrls;

    /// <summary>The client-credentials endpoint for the configured app type.</summary>
    public string EffectiveTokenEndpoint => !string.IsNullOrWhiteSpace(TokenEndpoint)
        ? TokenEndpoint
        : $"https://login.microsoftonline.com/{Uri.EscapeDataString(AppType == TeamsAppType.SingleTenant ? TenantId ?? "" : "botframework.com")}/oauth2/v2.0/token";
}
