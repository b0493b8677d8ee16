namespace PaperBot.Host.Channels.Discord.Api;

public sealed record DiscordUser
{
    public string Id { get; init; } = "";
    public string? Username { get; init; }
    public bool? Bot { get; init; }
}
