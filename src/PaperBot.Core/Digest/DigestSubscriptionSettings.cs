namespace PaperBot.Core.Digest;

/// <summary>One entry of <c>Digest:Subscriptions</c>: exactly one target, with optional schedule and filters.</summary>
public sealed class DigestSubscriptionSettings
{
    public string Name { get; set; } = "";
    public string? DiscordWebhook { get; set; }
    public string? DiscordChannel { get; set; }
    public string? TeamsConversation { get; set; }
    public string? Cron { get; set; }
    public string? TimeZone { get; set; }
    public List<string> Keywords { get; set; } = [];
    public int MinUpvotes { get; set; }
    public int? MaxItems { get; set; }

    public DigestTarget ToTarget() =>
        !string.IsNullOrWhiteSpace(DiscordWebhook) ? new DigestTarget(DigestTargetKind.DiscordWebhook, DiscordWebhook.Trim())
        : !string.IsNullOrWhiteSpace(DiscordChannel) ? new DigestTarget(DigestTargetKind.DiscordChannel, DiscordChannel.Trim())
        : new DigestTarget(DigestTargetKind.TeamsConversation, (TeamsConversation ?? "").Trim());
}
