using System.Data.Common;
using Microsoft.Extensions.Options;
using PaperBot.Core.Storage;

namespace PaperBot.Host.Reliability;

/// <summary>
/// With a shared journal, renews this replica's holds on the work it accepted every third of
/// <see cref="SharedStorageOptions.WorkLeaseSeconds"/>, so other replicas leave it alone while this one lives and take
/// it over soon after it dies. With SQLite it does nothing.
/// </summary>
public sealed class AcceptedWorkHolds(IAcceptedWorkJournal journal, TimeProvider time, IOptions<SharedStorageOptions> options, ILogger<AcceptedWorkHolds> logger)
    : BackgroundService
{
    /// <summary>How often a shared journal is looked at: holds renewed, and (by the channel workers) free work claimed.</summary>
    public static TimeSpan Interval(SharedStorageOptions options) => TimeSpan.FromSeconds(Math.Max(1, options.WorkLeaseSeconds / 3.0));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!journal.IsShared)
        {
            return;
        }
        var interval = Interval(options.Value);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                journal.RenewHolds();
            }
            catch (Exception e) when (e is DbException or TimeoutException or InvalidOperationException)
            {
                // Down for longer than the lease, this replica's work may be taken over by another once it is back.
                logger.LogWarning("Could not renew this replica's holds on accepted work ({Reason}); retrying", e.Message);
            }
            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
