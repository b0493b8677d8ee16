using System.Text.Json.Serialization;

namespace PaperBot.Host.Channels.Discord.Api;

/// <summary>A rich embed as Discord's API takes it (the fields PaperBot uses: the digest posts one per paper).</summary>
public sealed record DiscordEmbed(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("url"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Url,
    [property: JsonPropertyName("footer"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DiscordEmbedFooter? Footer)
{
    /// <summary>The characters Discord counts towards the 6000 per message.</summary>
    public int CountedLength => Title.Length + Description.Length + (Footer?.Text.Length ?? 0);
}
