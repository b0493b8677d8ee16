namespace PaperBot.Host.Web;

/// <summary>
/// The body of <c>POST /api/web/ask</c>: what was typed, or a paper action's payload (<c>pb:sim:web3wg</c>, as Discord
/// buttons and Teams cards send), and the conversation it continues (null for a new one).
/// </summary>
public sealed record WebAskRequest(string? Question, string? Conversation, string? Action = null);
