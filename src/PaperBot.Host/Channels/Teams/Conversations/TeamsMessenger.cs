using PaperBot.Host.Channels.Teams.Connector;
using PaperBot.Host.Channels.Teams.Wire;

namespace PaperBot.Host.Channels.Teams.Conversations;

/// <summary>
/// Posts activities into a stored conversation through the per-conversation send queue, addressing them as
/// the bot. A 403 means the bot was removed or blocked: the conversation is marked inactive and the failure is
/// returned (and logged) once, never retried.
/// </summary>
public sealed class TeamsMessenger(
    BotConnectorClient connector,
    ConversationSendQueue queue,
    IConversationReferenceStore store,
    ILogger<TeamsMessenger> logger)
{
    /// <summary>Sends the activities in order; stops at the first one that fails and returns its result.</summary>
    public Task<ConnectorSendResult> SendAsync(ConversationReference target, IReadOnlyList<Activity> activities, string? replyToId, CancellationToken cancellationToken) =>
        queue.RunAsync(QueueKey(target), async () =>
        {
            var result = new ConnectorSendResult(ConnectorSendStatus.Sent);
            foreach (var activity in activities)
            {
                result = await connector.SendAsync(target.ServiceUrl, target.ConversationId, replyToId, Address(activity, target, replyToId), cancellationToken);
                if (!result.Succeeded)
                {
                    HandleFailure(target, result);
                    return result;
                }
            }
            return result;
        }, cancellationToken);

    /// <summary>A typing indicator; it goes through the same queue so it never lands after the answer.</summary>
    public Task<ConnectorSendResult> SendTypingAsync(ConversationReference target, CancellationToken cancellationToken) =>
        queue.RunAsync(QueueKey(target), async () =>
        {
            var result = await connector.SendAsync(target.ServiceUrl, target.ConversationId, null,
                Address(new Activity { Type = ActivityTypes.Typing }, target, null), cancellationToken, retry: false);
            if (!result.Succeeded)
            {
                HandleFailure(target, result);
            }
            return result;
        }, cancellationToken);

    private void HandleFailure(ConversationReference target, ConnectorSendResult result)
    {
        if (result.Status == ConnectorSendStatus.ConversationGone)
        {
            store.MarkInactive(target.ChannelId, target.ConversationId, $"{result.HttpStatus} from the connector: {result.Detail}");
            logger.LogWarning("The bot can no longer post in {ConversationId} ({HttpStatus}: {Detail}); marked inactive", target.ConversationId, result.HttpStatus, result.Detail);
        }
        else
        {
            logger.LogWarning("Sending to {ConversationId} failed: {Status} {HttpStatus} {Detail}", target.ConversationId, result.Status, result.HttpStatus, result.Detail);
        }
    }

    private static Activity Address(Activity activity, ConversationReference target, string? replyToId) => activity with
    {
        From = new ChannelAccount(target.BotId, target.BotName),
        Conversation = new ConversationAccount(target.ConversationId, TenantId: target.TenantId),
        Recipient = replyToId is not null && target.UserId is not null ? new ChannelAccount(target.UserId, target.UserName) : null,
        ReplyToId = replyToId,
        ChannelId = target.ChannelId,
        ServiceUrl = null,
    };

    private static string QueueKey(ConversationReference target) => target.ChannelId + "\n" + target.ConversationId;
}
