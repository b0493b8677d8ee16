namespace PaperBot.Host.Web;

/// <summary>The body of <c>POST /api/web/ask</c>: what was typed, and the conversation it continues (null for a new one).</summary>
public sealed record WebAskRequest(string? Question, string? Conversation);
