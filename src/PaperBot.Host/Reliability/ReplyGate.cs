using System.Data.Common;

namespace PaperBot.Host.Reliability;

/// <summary>
/// The last step before a channel sends the reply to accepted work: confirms in the journal that this process still
/// holds the work and marks it as being replied to (<see cref="IAcceptedWorkJournal.TryBeginReply"/>). A process
/// that was slow (starved, paused) past its hold may find the work taken over by another replica; it then sends
/// nothing, so the user gets one answer. Channel-agnostic: Teams and Discord call it the same way.
/// </summary>
public sealed class ReplyGate(IAcceptedWorkJournal journal, TimeProvider time, ILogger<ReplyGate> logger)
{
    /// <summary>How often the journal is tried again while it is out of reach.</summary>
    public static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);

    /// <summary>
    /// True when the reply may be sent: the work was not journaled (<paramref name="hold"/> null), or its hold is still
    /// this process's and the work is now marked as being replied to. False when another process took the work over or
    /// finished it. While the journal is out of reach the reply waits (retried every <see cref="RetryEvery"/>): sending
    /// unconfirmed could answer beside a replica that took the work over. Cancelled when shutting down; the work then
    /// stays in the journal for whoever takes it next.
    /// </summary>
    public async Task<bool> MayReplyAsync(WorkHold? hold, CancellationToken cancellationToken)
    {
        if (hold is null)
        {
            return true;
        }
        var warned = false;
        while (true)
        {
            try
            {
                if (journal.TryBeginReply(hold))
                {
                    return true;
                }
                logger.LogInformation(
                    "Not replying to {Channel} work {Id}: another replica took it over (or finished it) while this one was working on it",
                    hold.Channel, hold.Id);
                return false;
            }
            catch (Exception e) when (e is DbException or TimeoutException)
            {
                if (!warned)
                {
                    logger.LogWarning("The reply to {Channel} work {Id} waits: the journal cannot confirm this replica still holds it ({Reason})",
                        hold.Channel, hold.Id, e.Message);
                    warned = true;
                }
            }
            await Task.Delay(RetryEvery, time, cancellationToken);
        }
    }
}
