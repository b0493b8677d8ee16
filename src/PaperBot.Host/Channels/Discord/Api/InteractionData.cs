namespace PaperBot.Host.Channels.Discord.Api;

public sealed record InteractionData
{
    public string? Id { get; init; }
    public string Name { get; init; } = "";
    public int Type { get; init; }
    public IReadOnlyList<InteractionDataOption>? Options { get; init; }
    /// <summary>MESSAGE_COMPONENT: the custom_id of the button pressed, exactly as the client sent it (untrusted).</summary>
    public string? CustomId { get; init; }
    /// <summary>MESSAGE_COMPONENT: 2 for a button.</summary>
    public int? ComponentType { get; init; }
}
