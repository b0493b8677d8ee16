using Microsoft.Extensions.Options;
using PaperBot.Core.Chat;
using PaperBot.Host.Channels.Teams.Cards;
using PaperBot.Host.Channels.Teams.Conversations;
using PaperBot.Host.Channels.Teams.Wire;
using PaperBot.Host.Reliability;

namespace PaperBot.Host.Channels.Teams;

/// <summary>
/// What the bot does with each kind of activity, one method per type. Thin: messages become
/// <see cref="ChatRequest"/>s, <see cref="ChatReply"/>s become cards; installs and removals update the stored
/// conversation references the digest posts to.
/// </summary>
public sealed class TeamsTurnHandler(
    PaperBotAssistant assistant,
    IEnumerable<ITeamsTextCommand> textCommands,
    IConversationReferenceStore conversations,
    TeamsMessenger messenger,
    AdaptiveCardRenderer renderer,
    TeamsCardActions cardActions,
    ReplyGate replies,
    IOptions<TeamsOptions> options,
    TimeProvider timeProvider,
    ILogger<TeamsTurnHandler> logger)
{
    /// <summary>
    /// Handles one turn up to composing its reply; returns the reply's delivery, still under way (a completed task
    /// when nothing is sent), so the caller can free the turn's lane while the connector is slow or retried. Nothing is
    /// sent unless the turn's hold is confirmed right before (<see cref="ReplyGate"/>).
    /// </summary>
    public Task<Task> OnTurnAsync(TeamsTurn turn, CancellationToken cancellationToken) => turn.Activity.Type switch
    {
        ActivityTypes.Message => OnMessageAsync(turn.Activity, turn.Hold, cancellationToken),
        ActivityTypes.ConversationUpdate => Task.FromResult(OnConversationUpdate(turn.Activity, turn.Hold, cancellationToken)),
        ActivityTypes.InstallationUpdate => Task.FromResult(OnInstallationUpdate(turn.Activity)),
        _ => Task.FromResult(OnUnhandledActivity(turn.Activity)),
    };

    public async Task<Task> OnMessageAsync(Activity activity, WorkHold? hold, CancellationToken cancellationToken)
    {
        // One trace per turn: the answer, its retrieval and model call, and the connector calls that post the reply.
        using var span = Core.Diagnostics.PaperBotTelemetry.Source.StartActivity("teams.turn");
        var reference = Reference(activity);
        if (reference is null)
        {
            return Task.CompletedTask;
        }
        try
        {
            conversations.Upsert(reference);
        }
        catch (System.Data.Common.DbException ex)
        {
            // The shared database (PostgreSQL, with replicas) is out of reach: the reply goes back through this activity's
            // own service URL, so answer anyway, as Discord does; the reference is stored with the next message.
            logger.LogWarning("Could not store the conversation reference of {ConversationId} ({Reason}); answering anyway", reference.ConversationId, ex.Message);
        }

        var (text, mentionedBot) = MentionText.StripBotMention(activity);
        var personal = reference.ConversationType is null or "personal";
        // A card button press carries no @mention but is addressed to the bot all the same.
        var buttonPayload = TeamsCardActions.ReadPayload(activity, text);
        if (!personal && !mentionedBot && buttonPayload is null)
        {
            // Channels and group chats deliver only @mentions unless RSC is granted; answer only when asked.
            logger.LogDebug("Ignoring a message in {ConversationId} that does not mention the bot", reference.ConversationId);
            return Task.CompletedTask;
        }

        ChatReply reply;
        var typing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Teams shows typing in personal and group chats only. The indicators go through the conversation's send
        // queue ahead of the answer, so the loop is not awaited here: a slow connector delays them, not this lane.
        var typingLoop = reference.ConversationType == "channel" ? Task.CompletedTask : TypeUntilCancelledAsync(reference, typing.Token, cancellationToken);
        try
        {
            reply = buttonPayload is not null
                ? cardActions.Handle(buttonPayload, reference.ConversationId, activity.From?.Id ?? "")
                : await ReplyToAsync(text, activity, reference, cancellationToken);
        }
        finally
        {
            await typing.CancelAsync();
            _ = typingLoop.ContinueWith(_ => typing.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        return SendIfStillHeldAsync(hold, () => messenger.SendAsync(reference, renderer.Render(reply), activity.Id, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Sends only once the journal confirms this process still holds the turn: a replica that was slow past its hold
    /// may have had the turn taken over, and then the other replica answers it. When the journal answers at once (the
    /// usual case) the send starts before this returns, so it keeps its place in the conversation's send queue.
    /// </summary>
    private async Task SendIfStillHeldAsync(WorkHold? hold, Func<Task> send, CancellationToken cancellationToken)
    {
        if (await replies.MayReplyAsync(hold, cancellationToken))
        {
            await send();
        }
    }

    public Task OnConversationUpdate(Activity activity, WorkHold? hold, CancellationToken cancellationToken)
    {
        var reference = Reference(activity);
        if (reference is null)
        {
            return Task.CompletedTask;
        }
        var botId = activity.Recipient?.Id;
        if (activity.MembersAdded?.Any(m => m?.Id == botId) == true)
        {
            conversations.Upsert(reference with { LastActivityId = null });
            logger.LogInformation("Added to {ConversationType} conversation {ConversationId}", reference.ConversationType, reference.ConversationId);
            return SendIfStillHeldAsync(hold, () => messenger.SendAsync(reference, renderer.Render(PaperBotAssistant.Help()), replyToId: null, cancellationToken), cancellationToken);
        }
        if (activity.MembersRemoved?.Any(m => m?.Id == botId) == true)
        {
            conversations.MarkInactive(reference.ChannelId, reference.ConversationId, "the bot was removed from the conversation");
            logger.LogInformation("Removed from conversation {ConversationId}", reference.ConversationId);
        }
        return Task.CompletedTask;
    }

    public Task OnInstallationUpdate(Activity activity)
    {
        var reference = Reference(activity);
        if (reference is not null)
        {
            if (activity.Action?.StartsWith("remove", StringComparison.OrdinalIgnoreCase) == true)
            {
                conversations.MarkInactive(reference.ChannelId, reference.ConversationId, "the app was uninstalled");
            }
            else
            {
                conversations.Upsert(reference with { LastActivityId = null });
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>Other activity types (reactions, typing, events, invokes) are acknowledged and ignored.</summary>
    public Task OnUnhandledActivity(Activity activity)
    {
        logger.LogDebug("Ignoring a {Type} activity", activity.Type);
        return Task.CompletedTask;
    }

    private async Task<ChatReply> ReplyToAsync(string text, Activity activity, ConversationReference reference, CancellationToken cancellationToken)
    {
        foreach (var command in textCommands)
        {
            if (await command.TryHandleAsync(text, reference, cancellationToken) is { } handled)
            {
                return handled;
            }
        }
        var request = ChatRequest.FromText(text, reference.ConversationId, activity.From?.Id ?? "");
        return await assistant.HandleAsync(request, cancellationToken);
    }

    private async Task TypeUntilCancelledAsync(ConversationReference reference, CancellationToken stop, CancellationToken turn)
    {
        try
        {
            // The first indicator always goes out, even when the answer is ready before it is sent.
            await messenger.SendTypingAsync(reference, turn);
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(options.Value.TypingInterval, timeProvider, stop);
                await messenger.SendTypingAsync(reference, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // the answer is ready
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogDebug(ex, "Typing indicator failed; the answer still follows");
        }
        catch (OperationCanceledException)
        {
            // the turn itself was cancelled (shutting down)
        }
    }

    private ConversationReference? Reference(Activity activity)
    {
        var reference = ConversationReference.FromActivity(activity, timeProvider.GetUtcNow());
        if (reference is null)
        {
            logger.LogWarning("A {Type} activity lacks conversation, serviceUrl, recipient or channelId; it cannot be answered", activity.Type);
        }
        return reference;
    }
}
