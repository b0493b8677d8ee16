namespace PaperBot.Host.Channels.Discord.Api;

public sealed record GatewayResume(string Token, string SessionId, int? Seq);
