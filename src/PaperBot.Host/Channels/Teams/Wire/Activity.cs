using System.Text.Json.Nodes;

namespace PaperBot.Host.Channels.Teams.Wire;

/// <summary>
/// A Bot Framework activity as it travels on the wire (camelCase JSON). Only the fields PaperBot reads or
/// writes are declared; unknown fields are accepted and ignored.
/// </summary>
public sealed record Activity
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ChannelId { get; init; }
    public ChannelAccount? From { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public string? Text { get; init; }
    public string? TextFormat { get; init; }
    /// <summary>Shown where the channel cannot render the attachments (and in notifications).</summary>
    public string? Summary { get; init; }
    public string? Locale { get; init; }
    public string? ReplyToId { get; init; }
    /// <summary><c>add</c> or <c>remove</c> on installationUpdate activities.</summary>
    public string? Action { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; init; }
    public IReadOnlyList<Attachment>? Attachments { get; init; }
    public IReadOnlyList<Entity>? Entities { get; init; }
    public TeamsChannelData? ChannelData { get; init; }
    /// <summary>Card action payloads; kept raw because PaperBot does not act on them yet.</summary>
    public JsonNode? Value { get; init; }
}
