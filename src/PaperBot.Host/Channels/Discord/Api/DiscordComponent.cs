using System.Text.Json.Serialization;

namespace PaperBot.Host.Channels.Discord.Api;

/// <summary>
/// A message component as Discord's API takes it: an action row (type 1) holding up to five buttons (type 2). A
/// button's custom_id comes back in a MESSAGE_COMPONENT interaction; it is at most 100 characters and is shown to
/// nobody, but anyone can forge one, so it carries nothing secret.
/// </summary>
public sealed record DiscordComponent
{
    public const int ActionRowType = 1;
    public const int ButtonType = 2;
    public const int MaxRows = 5;
    public const int MaxButtonsPerRow = 5;
    public const int MaxCustomId = 100;
    public const int MaxLabel = 80;

    [JsonPropertyName("type")]
    public int Type { get; init; }

    [JsonPropertyName("components"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<DiscordComponent>? Components { get; init; }

    /// <summary>1 primary, 2 secondary, 3 success, 4 danger, 5 link.</summary>
    [JsonPropertyName("style"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Style { get; init; }

    [JsonPropertyName("label"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Label { get; init; }

    [JsonPropertyName("custom_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CustomId { get; init; }

    [JsonPropertyName("url"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Url { get; init; }

    public static DiscordComponent Row(IReadOnlyList<DiscordComponent> buttons) => new() { Type = ActionRowType, Components = buttons };

    public static DiscordComponent Button(string label, string customId, int style = 2) =>
        new() { Type = ButtonType, Style = style, Label = label, CustomId = customId };
}
