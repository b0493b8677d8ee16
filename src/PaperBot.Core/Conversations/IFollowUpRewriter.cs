namespace PaperBot.Core.Conversations;

/// <summary>Rewrites a follow-up into a standalone question with a language model; null when it cannot.</summary>
public interface IFollowUpRewriter
{
    Task<FollowUpRewrite?> RewriteAsync(IReadOnlyList<ConversationTurn> history, string followUp, CancellationToken cancellationToken);
}
