namespace PaperBot.Core.Conversations;

/// <summary>One question and answer in a conversation, with the papers the answer cited in citation order.</summary>
public sealed record ConversationTurn(
    string ConversationId,
    DateTimeOffset At,
    string Question,
    string StandaloneQuestion,
    string Answer,
    IReadOnlyList<CitedPaper> Cited);
