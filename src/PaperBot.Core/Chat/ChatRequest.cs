namespace PaperBot.Core.Chat;

/// <summary>A channel-neutral request: the command, its argument, and who asked where.</summary>
public sealed record ChatRequest(ChatCommand Command, string Argument, string ConversationId, string UserId)
{
    /// <summary>
    /// Reads a typed message ("search speculative decoding", "paper k3f9qa", "help"); anything else is a question.
    /// Used by text channels (Teams, Discord mentions); slash commands build the request directly.
    /// </summary>
    public static ChatRequest FromText(string text, string conversationId, string userId)
    {
        var trimmed = (text ?? "").Trim();
        var space = trimmed.IndexOfAny([' ', '\t', '\n']);
        var verb = (space < 0 ? trimmed : trimmed[..space]).TrimStart('/', '!').ToLowerInvariant();
        var rest = space < 0 ? "" : trimmed[(space + 1)..].Trim();
        var command = verb switch
        {
            "ask" => ChatCommand.Ask,
            "search" or "find" => ChatCommand.Search,
            "paper" or "show" => ChatCommand.Paper,
            "similar" or "related" => ChatCommand.Similar,
            "help" or "?" when rest.Length == 0 => ChatCommand.Help,
            _ => (ChatCommand?)null,
        };
        return command is { } c
            ? new ChatRequest(c, rest, conversationId, userId)
            : new ChatRequest(trimmed.Length == 0 ? ChatCommand.Help : ChatCommand.Ask, trimmed, conversationId, userId);
    }
}
