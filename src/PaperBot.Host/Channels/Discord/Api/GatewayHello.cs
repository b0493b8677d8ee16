namespace PaperBot.Host.Channels.Discord.Api;

public sealed record GatewayHello(int HeartbeatInterval);
