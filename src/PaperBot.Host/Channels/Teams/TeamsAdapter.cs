using System.Text.Json;
using Microsoft.Extensions.Options;
using PaperBot.Host.Channels.Teams.Auth;
using PaperBot.Host.Channels.Teams.Conversations;
using PaperBot.Host.Channels.Teams.Wire;
using PaperBot.Host.Reliability;

namespace PaperBot.Host.Channels.Teams;

/// <summary>
/// Between the HTTP host and the turn handler: authenticates an inbound activity, journals it and queues it, then later
/// runs it through the handler inside a per-turn error boundary, so a failure gets an apology and a log entry, never
/// silence. A turn's reply is delivered off its lane: retries against a slow or failing connector hold a delivery
/// slot, not a turn lane, so they cannot fill the turn queue.
/// </summary>
public sealed class TeamsAdapter(
    BotConnectorTokenValidator validator,
    TeamsTurnQueue queue,
    TeamsTurnHandler handler,
    TeamsMessenger messenger,
    IAcceptedWorkJournal journal,
    ReplyGate replies,
    IOptions<TeamsOptions> options,
    TimeProvider timeProvider,
    ILogger<TeamsAdapter> logger) : IDisposable
{
    public const string Apology = "Sorry, something went wrong while I was working on that. It has been logged; please try again in a moment.";

    public const string RestartedNotice = "Sorry, PaperBot restarted before it could answer your message, and it is too late to now; please ask again.";

    /// <summary>
    /// For a message whose answer was being sent when the replica sending it stopped: the answer may have arrived, and
    /// Teams has no way to send it only if it did not, so the user is told instead of being answered twice.
    /// </summary>
    public const string ReplyInDoubtNotice =
        "Sorry, PaperBot restarted while it was sending its answer to this message, so the answer may not have arrived. If it did not, please ask again.";

    public const string JournalUnavailable =
        "Sorry, PaperBot cannot take your message right now: its database is out of reach, so it was not queued. Please try again in a minute.";

    /// <summary>The channel name in the accepted-work journal.</summary>
    public const string JournalChannel = "teams";

    private readonly SemaphoreSlim _deliverySlots = new(options.Value.MaxPendingDeliveries, options.Value.MaxPendingDeliveries);
    private long _processed;
    private long _composed;

    /// <summary>Turns finished (successfully or not, reply delivered or given up); for diagnostics and the throughput benchmark.</summary>
    public long ProcessedTurns => Interlocked.Read(ref _processed);

    /// <summary>Turns whose reply is composed and handed to its delivery: the moment a turn gives its lane back.</summary>
    public long ComposedTurns => Interlocked.Read(ref _composed);

    /// <summary>
    /// Authenticates, journals and queues; the result says whether (and with which status) the activity was refused.
    /// An activity id already accepted in this conversation (a connector retry, a replay) is acknowledged and not run again.
    /// </summary>
    public async Task<InboundAuthResult> AcceptAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        var auth = await validator.ValidateAsync(authorizationHeader, activity, cancellationToken);
        if (!auth.Accepted)
        {
            logger.LogWarning("Refused a {Type} activity ({Status}): {Reason}", activity.Type, auth.StatusCode, auth.Reason);
            return auth;
        }
        var key = !string.IsNullOrEmpty(activity.Id) && !string.IsNullOrEmpty(activity.Conversation?.Id)
            ? activity.Conversation.Id + "\n" + activity.Id
            : "unnamed\n" + Guid.NewGuid().ToString("N");
        var turn = new TeamsTurn(activity, auth.Outcome) { JournalKey = key, AcceptedAt = timeProvider.GetUtcNow() };
        WorkHold? hold;
        try
        {
            hold = journal.TryAccept(JournalChannel, key, JsonSerializer.Serialize(turn, TeamsJson.Options));
        }
        catch (System.Data.Common.DbException ex)
        {
            // The journal (PostgreSQL, with replicas) is out of reach: queue nothing that could not be kept, and say so.
            logger.LogWarning("Activity {Id} not queued: the accepted-work journal cannot be written ({Reason})", activity.Id, ex.Message);
            _ = CompleteAsync(turn with { JournalKey = null }, ApologiseAsync(activity, null, JournalUnavailable, CancellationToken.None), CancellationToken.None, holdsSlot: false);
            return auth;
        }
        if (hold is null)
        {
            logger.LogInformation("Activity {Id} in {ConversationId} was already accepted; not run twice", activity.Id, activity.Conversation?.Id);
            return auth;
        }
        turn = turn with { Hold = hold };
        if (!queue.TryEnqueue(turn))
        {
            // Refused, so the connector retries it: that retry must not look like a replay.
            journal.Forget(JournalChannel, key);
            logger.LogWarning("Turn queue full; refusing activity {Id}", activity.Id);
            return new InboundAuthResult(InboundAuthOutcome.Rejected, StatusCodes.Status503ServiceUnavailable, "busy");
        }
        return auth;
    }

    /// <summary>
    /// Runs one turn and starts its reply; returns once the reply is composed (and the delivery has a slot), not when
    /// the connector has it. <see cref="ProcessedTurns"/> counts the turn when its delivery ends.
    /// </summary>
    public async Task ProcessAsync(TeamsTurn turn, CancellationToken cancellationToken)
    {
        await _deliverySlots.WaitAsync(cancellationToken);
        Task delivery;
        try
        {
            delivery = await handler.OnTurnAsync(turn, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            ReleaseSlot();
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The {Type} turn for activity {ActivityId} in {ConversationId} failed", turn.Activity.Type, turn.Activity.Id, turn.Activity.Conversation?.Id);
            delivery = ApologiseAsync(turn.Activity, turn.Hold, Apology, cancellationToken);
        }
        Interlocked.Increment(ref _composed);
        _ = CompleteAsync(turn, delivery, cancellationToken);
    }

    /// <summary>Tells the sender of a turn accepted before a restart that it will not be answered now.</summary>
    public Task TellTooLateAsync(TeamsTurn turn, CancellationToken cancellationToken) =>
        CompleteAsync(turn, ApologiseAsync(turn.Activity, turn.Hold, RestartedNotice, cancellationToken), cancellationToken, holdsSlot: false);

    /// <summary>Tells the sender of a turn whose answer may or may not have arrived (see <see cref="ReplyInDoubtNotice"/>).</summary>
    public Task TellReplyInDoubtAsync(TeamsTurn turn, CancellationToken cancellationToken) =>
        CompleteAsync(turn, ApologiseAsync(turn.Activity, turn.Hold, ReplyInDoubtNotice, cancellationToken), cancellationToken, holdsSlot: false);

    private async Task CompleteAsync(TeamsTurn turn, Task delivery, CancellationToken cancellationToken, bool holdsSlot = true)
    {
        try
        {
            await delivery;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down mid-delivery: the journal keeps the turn for the next start.
            return;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Delivering the reply to activity {ActivityId} in {ConversationId} failed", turn.Activity.Id, turn.Activity.Conversation?.Id);
        }
        finally
        {
            if (holdsSlot)
            {
                ReleaseSlot();
            }
        }
        try
        {
            if (turn.Hold is { } hold)
            {
                // A no-op when another replica took the turn over: its hold is not this one.
                journal.Finish(hold);
            }
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not mark activity {ActivityId} as answered", turn.Activity.Id);
        }
        finally
        {
            Interlocked.Increment(ref _processed);
        }
    }

    private async Task ApologiseAsync(Activity activity, WorkHold? hold, string text, CancellationToken cancellationToken)
    {
        if (activity.Type != ActivityTypes.Message || ConversationReference.FromActivity(activity, timeProvider.GetUtcNow()) is not { } reference)
        {
            return;
        }
        try
        {
            if (!await replies.MayReplyAsync(hold, cancellationToken))
            {
                return;
            }
            var apology = new Activity { Type = ActivityTypes.Message, Text = text, TextFormat = "plain" };
            await messenger.SendAsync(reference, [apology], activity.Id, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Could not even apologise in {ConversationId}", reference.ConversationId);
        }
    }

    private void ReleaseSlot()
    {
        try
        {
            _deliverySlots.Release();
        }
        catch (ObjectDisposedException)
        {
            // a delivery that ended while the server was being disposed
        }
    }

    public void Dispose() => _deliverySlots.Dispose();
}
