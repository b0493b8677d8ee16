namespace PaperBot.Core.Conversations;

/// <summary>
/// Where conversation history lives: the SQLite file (<see cref="ConversationStore"/>), or PostgreSQL when replicas
/// share state, so a follow-up that reaches another replica still knows what was asked.
/// </summary>
public interface IConversationStore
{
    void Append(string conversationId, string question, string standaloneQuestion, string answer, IReadOnlyList<CitedPaper> cited);

    /// <summary>The conversation's turns within the retention limits, oldest first; at most <paramref name="take"/>.</summary>
    IReadOnlyList<ConversationTurn> Recent(string conversationId, int take);

    int CountTurns(string conversationId);
}
