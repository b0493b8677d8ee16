namespace PaperBot.Host.Channels.Discord.Api;

public sealed record ApplicationCommandOption
{
    public required ApplicationCommandOptionType Type { get; init; }
    public required string Name { get; init; }
    public required string Description { get; init; }
    public bool? Required { get; init; }
    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }
    public int? MinValue { get; init; }
    public int? MaxValue { get; init; }
    /// <summary>A subcommand's own options.</summary>
    public IReadOnlyList<ApplicationCommandOption>? Options { get; init; }
}
