using System.Text.Json.Serialization;

namespace PaperBot.Host.Digest.Discord;

public sealed record DiscordEmbedFooter([property: JsonPropertyName("text")] string Text);
