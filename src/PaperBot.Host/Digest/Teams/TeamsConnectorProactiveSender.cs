using PaperBot.Core.Digest;
using PaperBot.Host.Channels.Teams.Conversations;

namespace PaperBot.Host.Digest.Teams;

/// <summary>
/// Digest parts into Teams conversations through the channel's proactive sender, which continues the conversation
/// reference stored when the bot was installed or last spoken to.
/// </summary>
public sealed class TeamsConnectorProactiveSender(TeamsProactiveSender teams) : ITeamsProactiveSender
{
    public async Task<string?> SendAsync(string conversationId, TeamsDigestMessage message, CancellationToken cancellationToken)
    {
        var result = message.Card is { } card
            ? await teams.SendCardAsync(conversationId, card, Summary(message), cancellationToken)
            : await teams.SendMarkdownAsync(conversationId, message.Text, cancellationToken);
        return result.Status switch
        {
            ProactiveSendStatus.Sent => result.ActivityId,
            ProactiveSendStatus.UnknownConversation => throw new DigestTargetGoneException(
                $"no Teams conversation {conversationId} is known: the bot must be installed there (or messaged) before it can post"),
            ProactiveSendStatus.Inactive or ProactiveSendStatus.Removed => throw new DigestTargetGoneException(
                $"the bot can no longer post in Teams conversation {conversationId} ({result.Detail})"),
            // Unknown outcome: let the dispatcher record the part as in doubt rather than post it twice.
            ProactiveSendStatus.InDoubt => throw new TimeoutException($"the Teams connector did not confirm the post ({result.Detail})"),
            _ => throw new DigestNotPostedException($"the Teams connector did not take the message ({result.Detail})", permanent: false),
        };
    }

    /// <summary>What a notification shows: the part's first line, without markdown stars.</summary>
    private static string Summary(TeamsDigestMessage message)
    {
        var line = message.Text.Split('\n', 2)[0].Replace("**", "", StringComparison.Ordinal).Trim();
        line = line.Length == 0 ? "PaperBot digest (continued)" : line;
        return line.Length <= 200 ? line : line[..199] + "…";
    }
}
