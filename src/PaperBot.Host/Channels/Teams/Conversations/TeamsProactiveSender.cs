using PaperBot.Core.Chat;
using PaperBot.Host.Channels.Teams.Cards;
using PaperBot.Host.Channels.Teams.Connector;

namespace PaperBot.Host.Channels.Teams.Conversations;

/// <summary>
/// Posts a reply into a stored conversation without being asked (the daily digest's way into Teams): it continues
/// the stored reference, sends as a new message (not a reply), and reports removed conversations.
/// </summary>
public sealed class TeamsProactiveSender(ConversationReferenceStore store, TeamsMessenger messenger, AdaptiveCardRenderer renderer)
{
    public const string TeamsChannelId = "msteams";

    public async Task<ProactiveSendResult> SendAsync(string conversationId, ChatReply reply, CancellationToken cancellationToken, string channelId = TeamsChannelId)
    {
        var reference = store.Get(channelId, conversationId);
        if (reference is null)
        {
            return new ProactiveSendResult(conversationId, ProactiveSendStatus.UnknownConversation);
        }
        if (!reference.Active)
        {
            return new ProactiveSendResult(conversationId, ProactiveSendStatus.Inactive, reference.InactiveReason);
        }
        ConnectorSendResult result;
        try
        {
            result = await messenger.SendAsync(reference, renderer.Render(reply), replyToId: null, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            // The connector could not be reached even after retries: report it, keep the conversation.
            return new ProactiveSendResult(conversationId, ProactiveSendStatus.Failed, ex.Message);
        }
        return result.Status switch
        {
            ConnectorSendStatus.Sent => new ProactiveSendResult(conversationId, ProactiveSendStatus.Sent),
            ConnectorSendStatus.ConversationGone => new ProactiveSendResult(conversationId, ProactiveSendStatus.Removed, result.Detail),
            _ => new ProactiveSendResult(conversationId, ProactiveSendStatus.Failed, $"{result.Status} {result.HttpStatus} {result.Detail}".Trim()),
        };
    }

    /// <summary>Posts to every active conversation of the channel; one result per conversation, inactive ones included.</summary>
    public async Task<IReadOnlyList<ProactiveSendResult>> BroadcastAsync(ChatReply reply, CancellationToken cancellationToken, string channelId = TeamsChannelId)
    {
        var results = new List<ProactiveSendResult>();
        foreach (var reference in store.List(channelId))
        {
            results.Add(await SendAsync(reference.ConversationId, reply, cancellationToken, channelId));
        }
        return results;
    }
}
