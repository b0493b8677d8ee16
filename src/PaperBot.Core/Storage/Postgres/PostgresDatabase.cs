using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace PaperBot.Core.Storage.Postgres;

/// <summary>
/// The one place PostgreSQL connections come from: the configured connection string with the password from the
/// environment, and the schema migrated (under an advisory lock) the first time this process touches it.
/// </summary>
public sealed class PostgresDatabase : IDisposable, IAsyncDisposable
{
    private readonly Lazy<NpgsqlDataSource> _source;
    private readonly ILogger<PostgresDatabase> _logger;
    private readonly SemaphoreSlim _migrateGate = new(1, 1);
    private volatile bool _migrated;

    public PostgresDatabase(IOptions<SharedStorageOptions> options, ILogger<PostgresDatabase> logger)
    {
        _logger = logger;
        var settings = options.Value;
        _source = new Lazy<NpgsqlDataSource>(() => Build(settings));
    }

    /// <summary>The connection string without its password, for messages.</summary>
    public string Describe()
    {
        var builder = new NpgsqlConnectionStringBuilder(_source.Value.ConnectionString) { Password = null };
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }

    public NpgsqlConnection Open()
    {
        EnsureMigrated();
        return _source.Value.OpenConnection();
    }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_migrated)
        {
            await _migrateGate.WaitAsync(cancellationToken);
            try
            {
                if (!_migrated)
                {
                    await using var first = await _source.Value.OpenConnectionAsync(cancellationToken);
                    PostgresMigrator.Migrate(first, _logger);
                    _migrated = true;
                }
            }
            finally
            {
                _migrateGate.Release();
            }
        }
        return await _source.Value.OpenConnectionAsync(cancellationToken);
    }

    private void EnsureMigrated()
    {
        if (_migrated)
        {
            return;
        }
        _migrateGate.Wait();
        try
        {
            if (!_migrated)
            {
                using var first = _source.Value.OpenConnection();
                PostgresMigrator.Migrate(first, _logger);
                _migrated = true;
            }
        }
        finally
        {
            _migrateGate.Release();
        }
    }

    private static NpgsqlDataSource Build(SharedStorageOptions settings)
    {
        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString)
        {
            Password = Environment.GetEnvironmentVariable(settings.PasswordVariable),
            // Replicas name themselves, so pg_stat_activity shows which one holds a lock.
            ApplicationName = $"paperbot-{Environment.MachineName}-{Environment.ProcessId}",
        };
        if (builder.Timeout == 15)
        {
            // A replica whose database is gone should say so in seconds, not after Npgsql's default 15 s per attempt.
            builder.Timeout = 5;
        }
        return new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
    }

    public void Dispose()
    {
        if (_source.IsValueCreated)
        {
            _source.Value.Dispose();
        }
        _migrateGate.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_source.IsValueCreated)
        {
            await _source.Value.DisposeAsync();
        }
        _migrateGate.Dispose();
    }
}
