namespace PaperBot.Host.Channels.Discord.Api;

public sealed record GatewayReady
{
    public string SessionId { get; init; } = "";
    public string? ResumeGatewayUrl { get; init; }
    public DiscordUser? User { get; init; }
}
