using PaperBot.Core.Chat;
using PaperBot.Host.Channels.Teams.Cards;
using PaperBot.Host.Channels.Teams.Connector;
using PaperBot.Host.Channels.Teams.Wire;

namespace PaperBot.Host.Channels.Teams.Conversations;

/// <summary>
/// Posts a reply into a stored conversation without being asked (the daily digest's way into Teams): it continues
/// the stored reference, sends as a new message (not a reply), and reports removed conversations.
/// </summary>
public sealed class TeamsProactiveSender(IConversationReferenceStore store, TeamsMessenger messenger, AdaptiveCardRenderer renderer)
{
    public const string TeamsChannelId = "msteams";

    public Task<ProactiveSendResult> SendAsync(string conversationId, ChatReply reply, CancellationToken cancellationToken, string channelId = TeamsChannelId) =>
        SendActivitiesAsync(conversationId, renderer.Render(reply), channelId, cancellationToken);

    /// <summary>
    /// Posts one markdown text message (the digest's form: already split under the size budget, and text rather
    /// than a card so it reads in notifications and search).
    /// </summary>
    public Task<ProactiveSendResult> SendMarkdownAsync(string conversationId, string markdown, CancellationToken cancellationToken, string channelId = TeamsChannelId) =>
        SendActivitiesAsync(conversationId, [new Activity { Type = ActivityTypes.Message, TextFormat = "markdown", Text = markdown }], channelId, cancellationToken);

    /// <summary>Posts one Adaptive Card (a digest part), with <paramref name="summary"/> for notifications.</summary>
    public Task<ProactiveSendResult> SendCardAsync(string conversationId, System.Text.Json.Nodes.JsonObject card, string summary, CancellationToken cancellationToken, string channelId = TeamsChannelId) =>
        SendActivitiesAsync(conversationId,
            [new Activity { Type = ActivityTypes.Message, Summary = summary, Attachments = [new Attachment(AdaptiveCardRenderer.ContentType, card)] }],
            channelId, cancellationToken);

    private async Task<ProactiveSendResult> SendActivitiesAsync(string conversationId, IReadOnlyList<Activity> activities, string channelId, CancellationToken cancellationToken)
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
            result = await messenger.SendAsync(reference, activities, replyToId: null, cancellationToken);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            // The connector could not be reached even after retries: report it, keep the conversation.
            return new ProactiveSendResult(conversationId, ProactiveSendStatus.Failed, ex.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            // Sent, but no answer came: the message may be there, which a caller that would re-send must know.
            return new ProactiveSendResult(conversationId, ProactiveSendStatus.InDoubt, ex.Message);
        }
        return result.Status switch
        {
            ConnectorSendStatus.Sent => new ProactiveSendResult(conversationId, ProactiveSendStatus.Sent, ActivityId: result.ActivityId),
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
