namespace PaperBot.Host.Channels.Discord.Api;

/// <summary>The answer of <c>GET /gateway/bot</c> (only the URL is used; PaperBot runs one shard).</summary>
public sealed record GatewayBotInfo(string Url, int Shards);
