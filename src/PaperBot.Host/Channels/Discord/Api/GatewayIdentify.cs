namespace PaperBot.Host.Channels.Discord.Api;

public sealed record GatewayIdentify(string Token, int Intents, GatewayIdentifyProperties Properties);
