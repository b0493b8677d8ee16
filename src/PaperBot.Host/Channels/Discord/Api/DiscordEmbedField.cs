using System.Text.Json.Serialization;

namespace PaperBot.Host.Channels.Discord.Api;

/// <summary>A named field of an embed; inline fields sit side by side (up to three to a row on desktop).</summary>
public sealed record DiscordEmbedField(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("inline"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Inline = false);
