using PaperBot.Core.Storage;

namespace PaperBot.Host.Reliability;

/// <summary>
/// A channel worker's claim on work that was accepted and left unfinished: at start, what the previous process left;
/// with replicas sharing the journal, also what a replica that died was holding, looked for every hold interval. The
/// worker decides what resuming means for its channel; this decides when to look and what a failed look costs (a
/// warning and the next interval, never the worker).
/// </summary>
/// <param name="channel">The journal channel, e.g. <c>DiscordInteractionHandler.JournalChannel</c>.</param>
/// <param name="work">What the channel calls its work in log lines, e.g. "Teams activities".</param>
public sealed class UnfinishedWorkClaimer(
    IAcceptedWorkJournal journal, string channel, string work, TimeProvider time, SharedStorageOptions shared, ILogger logger)
{
    /// <summary>Whether replicas share the journal, so others' unfinished work has to be looked for while running.</summary>
    public bool IsShared => journal.IsShared;

    /// <summary>Unfinished work no live process holds, now held by this one; empty when the journal cannot be read.</summary>
    public IReadOnlyList<PendingWork> Claim()
    {
        try
        {
            var claimed = journal.ClaimPending(channel);
            if (claimed.Count(w => w.ReplyInDoubt) is > 0 and var inDoubt)
            {
                logger.LogWarning("Took over {Count} {Work} whose holder had started replying and was not heard from again: their replies may have arrived",
                    inDoubt, work);
            }
            return claimed;
        }
        catch (System.Data.Common.DbException e) when (journal.IsShared)
        {
            // With replicas: PostgreSQL is out of reach; looked for again at the next interval.
            logger.LogWarning("Could not look for unfinished {Work} ({Reason})", work, e.Message);
            return [];
        }
        catch (Exception e) when (e is not SchemaTooNewException)
        {
            logger.LogError(e, "Could not read the {Work} accepted earlier and left unfinished", work);
            return [];
        }
    }

    /// <summary>
    /// With a shared journal: claims and resumes work a replica accepted and died holding, every hold interval, until
    /// stopped. Safe while this replica runs, unlike a plain read: work it accepted itself is held by it, so it is never
    /// claimed here.
    /// </summary>
    public async Task TakeOverUntilStoppedAsync(Func<IReadOnlyList<PendingWork>, Task> resume, CancellationToken stoppingToken)
    {
        var interval = AcceptedWorkHolds.Interval(shared);
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
            await resume(Claim());
        }
    }
}
