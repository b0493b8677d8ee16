namespace PaperBot.Host.Channels.Discord.Api;

/// <summary>A message as the gateway's MESSAGE_CREATE delivers it.</summary>
public sealed record ChannelMessage
{
    public string Id { get; init; } = "";
    public string ChannelId { get; init; } = "";
    public string? GuildId { get; init; }
    public DiscordUser? Author { get; init; }
    public string? Content { get; init; }
    public IReadOnlyList<DiscordUser>? Mentions { get; init; }
}
