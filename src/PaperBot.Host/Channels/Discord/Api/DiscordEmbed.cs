using System.Text.Json.Serialization;

namespace PaperBot.Host.Channels.Discord.Api;

/// <summary>A rich embed as Discord's API takes it (the fields PaperBot uses: answers, paper cards, the digest).</summary>
public sealed record DiscordEmbed(
    [property: JsonPropertyName("title"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Title,
    [property: JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Description,
    [property: JsonPropertyName("url"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Url,
    [property: JsonPropertyName("footer"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DiscordEmbedFooter? Footer)
{
    public const int MaxTitle = 256;
    public const int MaxDescription = 4096;
    public const int MaxFields = 25;
    public const int MaxFieldName = 256;
    public const int MaxFieldValue = 1024;
    public const int MaxFooter = 2048;
    /// <summary>Title, description, field names and values, footer and author, summed over every embed of a message.</summary>
    public const int MaxTotal = 6000;

    [JsonPropertyName("fields"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<DiscordEmbedField>? Fields { get; init; }

    [JsonPropertyName("color"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Color { get; init; }

    /// <summary>The characters Discord counts towards the 6000 per message. Ours to count, never sent.</summary>
    [JsonIgnore]
    public int CountedLength => (Title?.Length ?? 0) + (Description?.Length ?? 0) + (Footer?.Text.Length ?? 0)
        + (Fields?.Sum(f => f.Name.Length + f.Value.Length) ?? 0);
}
