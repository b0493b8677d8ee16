using System.Data.Common;
using Microsoft.Extensions.Options;
using Npgsql;
using PaperBot.Core.Ingest;
using PaperBot.Core.Storage;
using PaperBot.Core.Storage.Postgres;

namespace PaperBot.Host.Storage;

/// <summary>
/// Keeps this replica's index in step with the listings every replica publishes (<c>Storage:Provider=Postgres</c>):
/// it listens for PostgreSQL's notification and catches up at once, and polls every <c>Storage:SyncPollSeconds</c> as
/// well, since a notification sent while the listening connection was down is never delivered. When PostgreSQL cannot
/// be reached the replica keeps answering from its index, says so in <c>/readyz</c>, and reconnects by itself.
/// </summary>
public sealed class SharedListingSyncService(
    IngestService ingest,
    PostgresDatabase database,
    IOptions<SharedStorageOptions> options,
    TimeProvider time,
    ILogger<SharedListingSyncService> logger) : BackgroundService
{
    /// <summary>The longest wait between reconnection attempts while PostgreSQL is down.</summary>
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private volatile string? _outage;

    /// <summary>Why the shared database cannot be reached right now, or null when it can.</summary>
    public string? Outage => _outage;

    /// <summary>When this replica last finished catching up with the shared log.</summary>
    public DateTimeOffset? LastSynced { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Provider != StorageProvider.Postgres)
        {
            return;
        }
        var poll = TimeSpan.FromSeconds(options.Value.SyncPollSeconds);
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listener = await database.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresListingLog.Channel}", listener))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                if (_outage is not null)
                {
                    logger.LogWarning("The shared database is reachable again ({Database}); catching up.", database.Describe());
                }
                _outage = null;
                backoff = TimeSpan.FromSeconds(1);
                while (!stoppingToken.IsCancellationRequested)
                {
                    // Listening first, then catching up: a listing published in between is seen by one or the other.
                    await CatchUpAsync(stoppingToken);
                    await listener.WaitAsync(poll, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbException or IOException or TimeoutException or InvalidOperationException)
            {
                if (_outage is null)
                {
                    logger.LogWarning("The shared database cannot be reached ({Reason}); answering from this replica's index and retrying.", e.Message);
                }
                _outage = e.Message;
                try
                {
                    await Task.Delay(backoff, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
            }
        }
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        // Ingest is synchronous SQLite work; keep it off the listener's thread.
        var applied = await Task.Run(() => ingest.CatchUpShared(cancellationToken), cancellationToken);
        LastSynced = time.GetUtcNow();
        if (applied > 0)
        {
            logger.LogInformation("This replica's index now holds {Count} more listings published by other replicas.", applied);
        }
    }
}
