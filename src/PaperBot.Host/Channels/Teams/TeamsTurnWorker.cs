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
        _pendingAtStart = ReadPending();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pending = _pendingAtStart;
        // Turns wait for start-up to finish (the first start ingests the corpus).
        await StartupGate.WhenStartedAsync(lifetime, stoppingToken);
        var lanes = Enumerable.Range(0, queue.LaneCount).Select(lane => ConsumeAsync(lane, stoppingToken)).ToList();
        lanes.Add(ResumeAcknowledgedAsync(pending, stoppingToken));
        if (journal.IsShared)
        {
            lanes.Add(TakeOverAsync(stoppingToken));
        }
        await Task.WhenAll(lanes);
    }

    /// <summary>
    /// With replicas sharing the journal: keeps looking for turns a replica accepted and died holding. Safe while this
    /// replica runs, unlike a plain read: turns it accepted itself are held by it, so they are never claimed here.
    /// </summary>
    private async Task TakeOverAsync(CancellationToken stoppingToken)
    {
        var interval = AcceptedWorkHolds.Interval(shared.Value);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await ResumeAcknowledgedAsync(ReadPending(), stoppingToken);
        }
    }

    /// <summary>
    /// Unfinished turns no live process holds, now held by this one: at start, those of the previous process; with a
    /// shared journal, also those of a replica whose hold ran out.
    /// </summary>
    private IReadOnlyList<PendingWork> ReadPending()
    {
        try
        {
            return journal.ClaimPending(TeamsAdapter.JournalChannel);
        }
        catch (System.Data.Common.DbException ex) when (journal.IsShared)
        {
            // With replicas: PostgreSQL is out of reach; looked for again at the next interval.
            logger.LogWarning("Could not look for unfinished Teams activities ({Reason})", ex.Message);
            return [];
        }
        catch (Exception ex) when (ex is not SchemaTooNewException)
        {
            logger.LogError(ex, "Could not read the Teams activities accepted earlier and left unfinished");
            return [];
        }
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
                    journal.Finish(TeamsAdapter.JournalChannel, work.Id);
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
                ? turn with { Activity = TeamsEndpoints.Normalize(activity), JournalKey = work.Id, AcceptedAt = work.ReceivedAt }
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
