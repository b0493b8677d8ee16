namespace PaperBot.Host.Channels.Discord.Api;

/// <summary>A slash command definition as PUT to the commands endpoints.</summary>
public sealed record ApplicationCommand
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    /// <summary>1 = CHAT_INPUT (slash command).</summary>
    public int Type { get; init; } = 1;
    public IReadOnlyList<ApplicationCommandOption>? Options { get; init; }
    /// <summary>0 guild, 1 bot DM, 2 private channel.</summary>
    public IReadOnlyList<int>? Contexts { get; init; }
    /// <summary>0 guild install, 1 user install.</summary>
    public IReadOnlyList<int>? IntegrationTypes { get; init; }
}
