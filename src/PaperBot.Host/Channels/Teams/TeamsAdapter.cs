using PaperBot.Host.Channels.Teams.Auth;
using PaperBot.Host.Channels.Teams.Conversations;
using PaperBot.Host.Channels.Teams.Wire;

namespace PaperBot.Host.Channels.Teams;

/// <summary>
/// Between the HTTP host and the turn handler: authenticates an inbound activity and queues it, then later runs
/// it through the handler inside a per-turn error boundary, so a failure gets an apology and a log entry, never
/// silence.
/// </summary>
public sealed class TeamsAdapter(
    BotConnectorTokenValidator validator,
    TeamsTurnQueue queue,
    TeamsTurnHandler handler,
    TeamsMessenger messenger,
    TimeProvider timeProvider,
    ILogger<TeamsAdapter> logger)
{
    public const string Apology = "Sorry, something went wrong while I was working on that. It has been logged; please try again in a moment.";

    private long _processed;

    /// <summary>Turns finished (successfully or not); for diagnostics and the throughput benchmark.</summary>
    public long ProcessedTurns => Interlocked.Read(ref _processed);

    /// <summary>Authenticates and queues; the result says whether (and with which status) the activity was refused.</summary>
    public async Task<InboundAuthResult> AcceptAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        var auth = await validator.ValidateAsync(authorizationHeader, activity, cancellationToken);
        if (!auth.Accepted)
        {
            logger.LogWarning("Refused a {Type} activity ({Status}): {Reason}", activity.Type, auth.StatusCode, auth.Reason);
            return auth;
        }
        if (!queue.TryEnqueue(new TeamsTurn(activity, auth.Outcome)))
        {
            logger.LogWarning("Turn queue full; refusing activity {Id}", activity.Id);
            return new InboundAuthResult(InboundAuthOutcome.Rejected, StatusCodes.Status503ServiceUnavailable, "busy");
        }
        return auth;
    }

    public async Task ProcessAsync(TeamsTurn turn, CancellationToken cancellationToken)
    {
        try
        {
            await handler.OnTurnAsync(turn, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The {Type} turn for activity {ActivityId} in {ConversationId} failed", turn.Activity.Type, turn.Activity.Id, turn.Activity.Conversation?.Id);
            await ApologiseAsync(turn.Activity, cancellationToken);
        }
        finally
        {
            Interlocked.Increment(ref _processed);
        }
    }

    private async Task ApologiseAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Type != ActivityTypes.Message || ConversationReference.FromActivity(activity, timeProvider.GetUtcNow()) is not { } reference)
        {
            return;
        }
        try
        {
            var apology = new Activity { Type = ActivityTypes.Message, Text = Apology, TextFormat = "plain" };
            await messenger.SendAsync(reference, [apology], activity.Id, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Could not even apologise in {ConversationId}", reference.ConversationId);
        }
    }
}
