using PaperBot.Core.Chat;

namespace PaperBot.Host.Channels.Discord.Commands;

/// <summary>Either a problem to show the user (ephemeral, immediately) or the work that produces the answer later.</summary>
public sealed record DiscordCommandBinding
{
    public string? Problem { get; init; }
    public Func<CancellationToken, Task<ChatReply>>? Run { get; init; }
    /// <summary>Whether the command costs the user a question from their per-user allowance (help does not).</summary>
    public bool CountsAsQuestion { get; init; } = true;

    public static DiscordCommandBinding Rejected(string problem) => new() { Problem = problem };

    public static DiscordCommandBinding Accepted(Func<CancellationToken, Task<ChatReply>> run, bool countsAsQuestion = true) =>
        new() { Run = run, CountsAsQuestion = countsAsQuestion };
}
