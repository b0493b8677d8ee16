using PaperBot.Core.Chat;
using PaperBot.Host.Channels.Teams.Conversations;

namespace PaperBot.Host.Channels.Teams;

/// <summary>
/// A text command handled before the assistant sees the message. This is the seam for commands that need the
/// conversation itself rather than the corpus, such as the digest's subscribe/unsubscribe (issue 7): register an
/// implementation with <c>services.AddSingleton&lt;ITeamsTextCommand, …&gt;()</c>.
/// </summary>
public interface ITeamsTextCommand
{
    /// <summary>The reply when <paramref name="text"/> (mention removed) is this command; null to pass it on.</summary>
    Task<ChatReply?> TryHandleAsync(string text, ConversationReference conversation, CancellationToken cancellationToken);
}
