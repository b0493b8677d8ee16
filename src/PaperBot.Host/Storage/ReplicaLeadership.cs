using Microsoft.Extensions.Options;
using Npgsql;
using PaperBot.Core.Storage;
using PaperBot.Core.Storage.Postgres;

namespace PaperBot.Host.Storage;

/// <summary>
/// Which replica does the work only one may do, such as holding the Discord gateway connection (Discord allows one
/// session per shard). With SQLite there is one replica and it always leads. With PostgreSQL the leader is the replica
/// whose session holds an advisory lock: PostgreSQL releases it the moment that session ends, so when the leader dies
/// another replica takes over at its next attempt, within <see cref="RetryInterval"/>.
/// </summary>
public sealed class ReplicaLeadership(
    PostgresDatabase database,
    IOptions<SharedStorageOptions> options,
    TimeProvider time,
    ILogger<ReplicaLeadership> logger)
{
    /// <summary>Advisory lock key of the leader: "PBLEADER" read as a number.</summary>
    public const long LeaderLockKey = 0x50424C4541444552;

    /// <summary>How often a follower tries to become leader, and how often the leader checks its session is alive.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    private volatile bool _leading;

    public bool IsLeader => options.Value.Provider != StorageProvider.Postgres || _leading;

    /// <summary>
    /// Waits until this replica leads, and returns a token cancelled when it stops leading (its PostgreSQL session was
    /// lost, so another replica may already lead). With SQLite it returns at once with a token never cancelled.
    /// </summary>
    public async Task<CancellationToken> AcquireAsync(string work, CancellationToken cancellationToken)
    {
        if (options.Value.Provider != StorageProvider.Postgres)
        {
            return CancellationToken.None;
        }
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            NpgsqlConnection? connection = null;
            try
            {
                connection = await database.OpenAsync(cancellationToken);
                await using (var attempt = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LeaderLockKey})", connection))
                {
                    if ((bool)(await attempt.ExecuteScalarAsync(cancellationToken))!)
                    {
                        var term = new CancellationTokenSource();
                        _leading = true;
                        logger.LogWarning("This replica now leads and runs {Work}.", work);
                        _ = WatchAsync(connection, term, work, cancellationToken);
                        connection = null; // the watch owns it now
                        return term.Token;
                    }
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogDebug("Could not try for leadership: {Reason}", e.Message);
            }
            finally
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }
            }
            await Task.Delay(RetryInterval, time, cancellationToken);
        }
    }

    /// <summary>Keeps the leader's session busy enough to notice its loss; ends the term when it is lost or on shutdown.</summary>
    private async Task WatchAsync(NpgsqlConnection connection, CancellationTokenSource term, string work, CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await Task.Delay(RetryInterval, time, stopping);
                await using var ping = new NpgsqlCommand("SELECT 1", connection);
                await ping.ExecuteScalarAsync(stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException or IOException)
        {
            logger.LogWarning("This replica lost its PostgreSQL session ({Reason}) and no longer leads; {Work} stops here.", e.Message, work);
        }
        finally
        {
            _leading = false;
            await term.CancelAsync();
            term.Dispose();
            // Closing the session releases the lock if it is still held; the pool must not keep a leader's session.
            NpgsqlConnection.ClearPool(connection);
            await connection.DisposeAsync();
        }
    }
}
