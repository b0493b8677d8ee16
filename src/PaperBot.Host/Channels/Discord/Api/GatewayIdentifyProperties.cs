namespace PaperBot.Host.Channels.Discord.Api;

public sealed record GatewayIdentifyProperties(string Os, string Browser, string Device);
