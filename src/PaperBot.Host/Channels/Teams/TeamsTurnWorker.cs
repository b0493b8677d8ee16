using System.Text.Json;
using Microsoft.Extensions.Options;
using PaperBot.Core.Storage;
using PaperBot.Host.Channels.Teams.Wire;
using PaperBot.Host.Reliability;

namespace PaperBot.Host.Channels.Teams;

/// <summary>
/// Runs queued turns through the adapter: one consumer per lane of the <see cref="TeamsTurnQueue"/>, each turn inside
/// its own error boundary so no activity can stop a lane. On start, turns accepted before a restart are queued again,
/// or, when older than <see cref="ResumeWithin"/>, their senders are told to ask again.
/// </summary>
public sealed class TeamsTurnWorker(
    TeamsTurnQueue queue, TeamsAdapter adapter, IAcceptedWorkJournal journal, TimeProvider time, IOptions<SharedStorageOptions> shared,
    ILogger<TeamsTurnWorker> logger, IHostApplicationLifetime? lifetime = null)
    : BackgroundService
{
    /// <summary>An answer later than this is more confusing than a plain "please ask again".</summary>
    public static readonly TimeSpan ResumeWithin = TimeSpan.FromMinutes(15);

    private readonly UnfinishedWorkClaimer _unfinished = new(journal, TeamsAdapter.JournalChannel, "Teams activities", time, shared.Value, logger);

    private IReadOnlyList<PendingWork> _pendingAtStart = [];

    /// <summary>
    /// Reads the journal inside the host's start: hosted services start before the web server listens, so all that is
    /// pending was accepted by the previous process. Read later, it would also hold activities this process has just
    /// accepted and queued itself, and those would be answered twice. Not in ExecuteAsync: BackgroundService runs that
    /// on the thread pool (.NET 10), where the read raced the first requests. This may be the database's first open: a
    /// schema newer than this build stops start-up here with the same error the start-up check gives.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _pendingAtStart = _unfinished.Claim();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pending = _pendingAtStart;
        // Turns wait for start-up to finish (the first start ingests the corpus).
        await StartupGate.WhenStartedAsync(lifetime, stoppingToken);
        var lanes = Enumerable.Range(0, queue.LaneCount).Select(lane => ConsumeAsync(lane, stoppingToken)).ToList();
        lanes.Add(ResumeAcknowledgedAsync(pending, stoppingToken));
        if (_unfinished.IsShared)
        {
            lanes.Add(_unfinished.TakeOverUntilStoppedAsync(unfinished => ResumeAcknowledgedAsync(unfinished, stoppingToken), stoppingToken));
        }
        await Task.WhenAll(lanes);
    }

    private async Task ResumeAcknowledgedAsync(IReadOnlyList<PendingWork> pending, CancellationToken stoppingToken)
    {
        try
        {
            foreach (var work in pending)
            {
                var turn = Read(work);
                if (turn is null)
                {
                    logger.LogWarning("Activity {Key} accepted before the restart cannot be read back; dropped", work.Id);
                    journal.Finish(work.Hold);
                    continue;
                }
                if (work.ReplyInDoubt)
                {
                    // Its replica stopped while sending the answer: the user may have it. Told, not answered twice.
                    await adapter.TellReplyInDoubtAsync(turn, stoppingToken);
                    continue;
                }
                if (time.GetUtcNow() - work.ReceivedAt > ResumeWithin)
                {
                    await adapter.TellTooLateAsync(turn, stoppingToken);
                    continue;
                }
                await queue.EnqueueResumedAsync(turn, stoppingToken);
            }
            if (pending.Count > 0)
            {
                logger.LogInformation("Resumed {Count} Teams activities accepted earlier and left unfinished", pending.Count);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down; the rest stay journaled
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not resume the Teams activities accepted before the restart");
        }
    }

    private TeamsTurn? Read(PendingWork work)
    {
        try
        {
            return JsonSerializer.Deserialize<TeamsTurn>(work.Payload, TeamsJson.Options) is { Activity: { } activity } turn
                ? turn with { Activity = TeamsEndpoints.Normalize(activity), JournalKey = work.Id, AcceptedAt = work.ReceivedAt, Hold = work.Hold }
                : null;
        }
        catch (JsonException ex)
        {
            logger.LogDebug(ex, "Journaled activity {Key} is not readable", work.Id);
            return null;
        }
    }

    private async Task ConsumeAsync(int lane, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var turn in queue.Lane(lane).ReadAllAsync(stoppingToken))
            {
                try
                {
                    await adapter.ProcessAsync(turn, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // The adapter has its own boundary; this one keeps the lane alive whatever escapes it.
                    logger.LogError(ex, "Turn for activity {ActivityId} failed outside the adapter", turn.Activity.Id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }
}
