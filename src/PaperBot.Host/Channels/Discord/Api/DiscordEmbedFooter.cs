using System.Text.Json.Serialization;

namespace PaperBot.Host.Channels.Discord.Api;

public sealed record DiscordEmbedFooter([property: JsonPropertyName("text")] string Text);
