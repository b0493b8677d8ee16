using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace PaperBot.Core.Storage;

/// <summary>
/// The one place connections are opened: WAL, a busy timeout and foreign keys on every connection, and the
/// schema migrated the first time a database is touched in this process.
/// </summary>
public sealed class SqliteConnectionFactory
{
    /// <summary>How long a statement waits for another connection's write lock before failing.</summary>
    public const int BusyTimeoutMilliseconds = 5000;

    private readonly string _connectionString;
    private readonly object _migrateLock = new();
    private volatile bool _migrated;

    public SqliteConnectionFactory(IOptions<StorageOptions> options)
        : this(options.Value.Database)
    {
    }

    public SqliteConnectionFactory(string databasePath)
    {
        DatabasePath = Path.GetFullPath(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string DatabasePath { get; }

    public SqliteConnection Open()
    {
        if (!_migrated)
        {
            lock (_migrateLock)
            {
                if (!_migrated)
                {
                    var directory = Path.GetDirectoryName(DatabasePath);
                    if (!string.IsNullOrEmpty(directory))
                    {
                        Directory.CreateDirectory(directory);
                    }
                    using var first = OpenConfigured();
                    // WAL is a property of the database file: set once here, not on every pooled open.
                    using (var wal = first.CreateCommand())
                    {
                        wal.CommandText = "PRAGMA journal_mode=WAL;";
                        wal.ExecuteNonQuery();
                    }
                    SchemaMigrator.Migrate(first);
                    _migrated = true;
                }
            }
        }
        return OpenConfigured();
    }

    private SqliteConnection OpenConfigured()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA busy_timeout={BusyTimeoutMilliseconds}; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
