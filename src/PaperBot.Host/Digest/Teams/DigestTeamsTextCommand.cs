using Microsoft.Extensions.Options;
using PaperBot.Core.Chat;
using PaperBot.Core.Digest;
using PaperBot.Host.Channels.Teams;
using PaperBot.Host.Channels.Teams.Conversations;

namespace PaperBot.Host.Digest.Teams;

/// <summary>
/// <c>digest subscribe|unsubscribe|status|preview</c> typed to the bot in Teams. Teams sends no roles with a message,
/// so admin means: a personal chat (the person's own digest), or a sender whose AAD object id is in
/// <c>Digest:TeamsAdmins</c> for channels and group chats.
/// </summary>
public sealed class DigestTeamsTextCommand(DigestCommands digest, IOptions<TeamsDigestOptions> options) : ITeamsTextCommand
{
    private const string Word = "digest";

    public async Task<ChatReply?> TryHandleAsync(string text, ConversationReference conversation, CancellationToken cancellationToken)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith(Word, StringComparison.OrdinalIgnoreCase) || (trimmed.Length > Word.Length && !char.IsWhiteSpace(trimmed[Word.Length])))
        {
            return null;
        }
        var rest = trimmed[Word.Length..].Trim();
        var isAdmin = IsAdmin(conversation);
        if (!isAdmin && DigestCommands.Tokenize(rest) is [var verb, ..] && verb.ToLowerInvariant() is "subscribe" or "unsubscribe")
        {
            return ChatReply.Problem(
                "Only digest admins can change this conversation's digest, and Teams does not tell bots who owns a team. " +
                $"Ask whoever runs PaperBot to add your AAD object id ({conversation.UserAadObjectId ?? "unknown"}) to Digest:TeamsAdmins, " +
                "or to subscribe this conversation with: paperbot digest subscribe --teams-conversation ID");
        }
        var context = new DigestCommandContext(new DigestTarget(TeamsConversationTarget.KindName, conversation.ConversationId),
            conversation.UserAadObjectId ?? conversation.UserId ?? "unknown", isAdmin, TeamsDigestCommandSyntax.Instance);
        return await digest.HandleAsync(context, rest, cancellationToken);
    }

    private bool IsAdmin(ConversationReference conversation) =>
        conversation.ConversationType is null or "personal"
        || conversation.UserAadObjectId is { Length: > 0 } aad && options.Value.TeamsAdmins.Contains(aad, StringComparer.OrdinalIgnoreCase);
}
