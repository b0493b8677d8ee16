using Microsoft.Data.Sqlite;
using PaperBot.Core.Storage;

namespace PaperBot.Host.Server;

/// <summary>
/// Readiness, as opposed to liveness: the database can be read and written (a write transaction can be begun and
/// rolled back), and retrieval has been warmed up. A database that is locked by another writer for longer than
/// <see cref="WriteWait"/> counts as not writable: every answer and digest write would wait and fail just the same.
/// </summary>
public sealed class ReadinessCheck(SqliteConnectionFactory database, RetrievalWarmUpService warmUp,
    Microsoft.Extensions.Options.IOptions<SharedStorageOptions> shared, PaperBot.Host.Storage.SharedListingSyncService sync)
{
    /// <summary>How long the probe waits for another connection's write lock; short, so a health check never hangs.</summary>
    public static readonly TimeSpan WriteWait = TimeSpan.FromSeconds(1);

    public Readiness Check()
    {
        var checks = new List<string>();
        var ready = true;
        try
        {
            using var connection = database.Open();
            using (var read = connection.CreateCommand())
            {
                read.CommandText = "SELECT COUNT(*) FROM (SELECT 1 FROM papers LIMIT 1)";
                read.ExecuteScalar();
            }
            checks.Add("database readable");
            var wait = connection.DefaultTimeout;
            try
            {
                // Microsoft.Data.Sqlite retries a busy BEGIN until the connection's DefaultTimeout, whatever busy_timeout says: bound both.
                Execute(connection, $"PRAGMA busy_timeout={(int)WriteWait.TotalMilliseconds};");
                connection.DefaultTimeout = (int)WriteWait.TotalSeconds;
                using (var write = connection.BeginTransaction(deferred: false))
                {
                    write.Rollback();
                }
                checks.Add("database writable");
            }
            catch (SqliteException e)
            {
                ready = false;
                checks.Add(e.SqliteErrorCode is 5 or 6 // SQLITE_BUSY, SQLITE_LOCKED
                    ? $"database not writable: another connection has held the write lock for over {WriteWait.TotalSeconds:0} s"
                    : $"database not writable: {e.Message}");
            }
            finally
            {
                // The connection goes back to the pool: give it its normal waits again.
                connection.DefaultTimeout = wait;
                Execute(connection, $"PRAGMA busy_timeout={SqliteConnectionFactory.BusyTimeoutMilliseconds};");
            }
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            ready = false;
            checks.Add($"database not readable: {e.Message}");
        }
        if (warmUp.IsWarm)
        {
            checks.Add("retrieval warm");
        }
        else
        {
            ready = false;
            checks.Add(warmUp.Failure is { } failure ? $"retrieval warm-up failed: {failure}" : "retrieval warming up");
        }
        if (shared.Value.Provider == StorageProvider.Postgres)
        {
            // Still ready: answers come from this replica's index. What needs shared state apologises until it is back.
            checks.Add(sync.Outage is { } outage
                ? $"shared database unreachable ({outage}): answering from this replica's index; new listings and shared history wait"
                : sync.LastSynced is null ? "shared database: first catch-up running" : "shared database reachable; index in step");
        }
        return new Readiness(ready, checks);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
