using System.Text.Json.Serialization;

namespace PaperBot.Host.Digest.Discord;

/// <summary>Always sent empty: summaries quote paper text, which must not ping anyone.</summary>
public sealed record DiscordAllowedMentions([property: JsonPropertyName("parse")] IReadOnlyList<string> Parse)
{
    public static DiscordAllowedMentions None { get; } = new([]);
}
