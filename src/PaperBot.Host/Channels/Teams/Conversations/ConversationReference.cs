using PaperBot.Host.Channels.Teams.Wire;

namespace PaperBot.Host.Channels.Teams.Conversations;

/// <summary>
/// Everything needed to post into a conversation later without being spoken to: where (service URL), which
/// conversation, as which bot, and whether the bot is still welcome there.
/// </summary>
public sealed record ConversationReference
{
    public required string ChannelId { get; init; }
    public required string ConversationId { get; init; }
    public required string ServiceUrl { get; init; }
    public string? ConversationType { get; init; }
    public string? TenantId { get; init; }
    public string? TeamId { get; init; }
    public string? ChannelThreadId { get; init; }
    public required string BotId { get; init; }
    public string? BotName { get; init; }
    public string? UserId { get; init; }
    public string? UserName { get; init; }
    public string? UserAadObjectId { get; init; }
    public string? LastActivityId { get; init; }
    public string? Locale { get; init; }
    public bool Active { get; init; } = true;
    public string? InactiveReason { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The reference an inbound activity describes, or null when it lacks the ids a reply needs.</summary>
    public static ConversationReference? FromActivity(Activity activity, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(activity.Conversation?.Id) || string.IsNullOrEmpty(activity.ServiceUrl)
            || string.IsNullOrEmpty(activity.Recipient?.Id) || string.IsNullOrEmpty(activity.ChannelId))
        {
            return null;
        }
        return new ConversationReference
        {
            ChannelId = activity.ChannelId,
            ConversationId = activity.Conversation.Id,
            ServiceUrl = activity.ServiceUrl,
            ConversationType = activity.Conversation.ConversationType,
            TenantId = activity.Conversation.TenantId ?? activity.ChannelData?.Tenant?.Id,
            TeamId = activity.ChannelData?.Team?.Id,
            ChannelThreadId = activity.ChannelData?.Channel?.Id,
            BotId = activity.Recipient.Id,
            BotName = activity.Recipient.Name,
            UserId = activity.From?.Id,
            UserName = activity.From?.Name,
            UserAadObjectId = activity.From?.AadObjectId,
            LastActivityId = activity.Id,
            Locale = activity.Locale,
            UpdatedAt = now,
        };
    }
}
