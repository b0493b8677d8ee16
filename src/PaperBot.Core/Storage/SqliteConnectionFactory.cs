using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
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
    private readonly bool _backupBeforeMigration;
    private readonly string _backupDirectory;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile bool _migrated;

    public SqliteConnectionFactory(IOptions<StorageOptions> options, TimeProvider time, ILogger<SqliteConnectionFactory> logger)
        : this(options.Value.Database, options.Value.BackupBeforeMigration, options.Value.BackupDirectory, time, logger)
    {
    }

    public SqliteConnectionFactory(string databasePath)
        : this(databasePath, true, null, TimeProvider.System, NullLogger.Instance)
    {
    }

    private SqliteConnectionFactory(string databasePath, bool backupBeforeMigration, string? backupDirectory, TimeProvider time, ILogger logger)
    {
        DatabasePath = Path.GetFullPath(databasePath);
        _backupBeforeMigration = backupBeforeMigration;
        _backupDirectory = string.IsNullOrWhiteSpace(backupDirectory)
            ? Path.Combine(Path.GetDirectoryName(DatabasePath) ?? ".", "backups")
            : Path.GetFullPath(backupDirectory);
        _time = time;
        _logger = logger;
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

    /// <summary>The number of papers in this database, cached until an ingest run changes it; the one count every reader shares.</summary>
    public PaperCount PaperCount { get; } = new();

    public SqliteConnection Open()
    {
        if (!_migrated)
        {
            lock (_migrateLock)
            {
                if (!_migrated)
                {
                    PrepareFiles();
                    using var first = OpenConfigured();
                    // WAL is a property of the database file: set once here, not on every pooled open.
                    using (var wal = first.CreateCommand())
                    {
                        wal.CommandText = "PRAGMA journal_mode=WAL;";
                        wal.ExecuteNonQuery();
                    }
                    BackUpBeforeMigrating(first);
                    SchemaMigrator.Migrate(first);
                    _migrated = true;
                }
            }
        }
        return OpenConfigured();
    }

    /// <summary>Owner only: the database holds webhook tokens, conversation references and what people asked.</summary>
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode Others = UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Creates the folder (0700) and an empty database file (0600) before SQLite does, since SQLite would create it
    /// with the process's umask, usually 0644. SQLite gives the -wal and -shm files the database file's permissions.
    /// A database that already exists and is open to other users loses those permissions.
    /// </summary>
    private void PrepareFiles()
    {
        var directory = Path.GetDirectoryName(DatabasePath);
        if (OperatingSystem.IsWindows())
        {
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
            return;
        }
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, OwnerOnly | UnixFileMode.UserExecute);
        }
        if (!File.Exists(DatabasePath))
        {
            try
            {
                using var created = new FileStream(DatabasePath, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = OwnerOnly,
                });
            }
            catch (IOException) when (File.Exists(DatabasePath))
            {
                // Another process created it first; it is tightened below like any existing database.
            }
        }
        foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
        {
            try
            {
                if (File.Exists(file) && (File.GetUnixFileMode(file) & Others) != 0)
                {
                    File.SetUnixFileMode(file, File.GetUnixFileMode(file) & ~Others);
                }
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to change (a database shared read-only); SQLite still opens it if it can.
            }
            catch (FileNotFoundException)
            {
                // Another process's checkpoint removed the -wal or -shm file between the look and the change: nothing to tighten.
            }
        }
    }

    /// <summary>
    /// An upgrade that changes the schema first copies the database aside (PaperBot:BackupBeforeMigration, on by
    /// default), so a migration that goes wrong costs nothing. A new, empty database has nothing to keep.
    /// </summary>
    private void BackUpBeforeMigrating(SqliteConnection connection)
    {
        var current = SchemaMigrator.CurrentVersion(connection);
        if (!_backupBeforeMigration || current == 0 || current >= SchemaMigrator.LatestVersion)
        {
            return;
        }
        var stamp = _time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var file = Path.Combine(_backupDirectory,
            $"{Path.GetFileNameWithoutExtension(DatabasePath)}-v{current}-before-v{SchemaMigrator.LatestVersion}-{stamp}-{Environment.ProcessId}.db");
        try
        {
            var backup = DatabaseBackup.Create(DatabasePath, file);
            _logger.LogWarning("Schema migration {From} -> {To}: the database was first backed up to {File} ({Papers} papers)",
                current, SchemaMigrator.LatestVersion, backup.File, backup.Papers);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new InvalidOperationException(
                $"The database {DatabasePath} needs a schema migration (version {current} -> {SchemaMigrator.LatestVersion}) but the backup before it failed: " +
                $"{e.Message}. Free space or fix permissions in {_backupDirectory}, or set PaperBot:BackupBeforeMigration=false to migrate without one.", e);
        }
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
