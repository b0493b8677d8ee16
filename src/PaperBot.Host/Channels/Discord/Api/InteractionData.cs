namespace PaperBot.Host.Channels.Discord.Api;

public sealed record InteractionData
{
    public string? Id { get; init; }
    public string Name { get; init; } = "";
    public int Type { get; init; }
    public IReadOnlyList<InteractionDataOption>? Options { get; init; }
}
