using System.Text.Json;

namespace PaperBot.Host.Channels.Discord.Api;

/// <summary>One filled-in option; <see cref="Value"/> is a string, number or boolean depending on <see cref="Type"/>.</summary>
public sealed record InteractionDataOption
{
    public string Name { get; init; } = "";
    public ApplicationCommandOptionType Type { get; init; }
    public JsonElement? Value { get; init; }
    public IReadOnlyList<InteractionDataOption>? Options { get; init; }
    public bool? Focused { get; init; }
}
