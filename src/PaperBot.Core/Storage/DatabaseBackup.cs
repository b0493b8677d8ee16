using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PaperBot.Core.Storage;

/// <summary>
/// Online backups of the SQLite database. <c>VACUUM INTO</c> copies one consistent snapshot (a read transaction, so
/// writers in other processes carry on; their uncommitted work is not in the copy) into a new, compact file that
/// needs no WAL beside it. Copying the file with <c>cp</c> is wrong in WAL mode: committed pages may still be in
/// the -wal file. The copy is written under a temporary name, checked, then renamed, so a backup file that exists is
/// complete.
/// </summary>
public static class DatabaseBackup
{
    /// <summary>Backs up the database at <paramref name="source"/> into <paramref name="destination"/> (which must not exist).</summary>
    public static DatabaseBackupResult Create(string source, string destination)
    {
        source = Path.GetFullPath(source);
        destination = Path.GetFullPath(destination);
        if (!File.Exists(source))
        {
            throw new FileNotFoundException($"There is no database at {source}.", source);
        }
        if (File.Exists(destination) || Directory.Exists(destination))
        {
            throw new IOException($"{destination} already exists; a backup never overwrites a file.");
        }
        if (string.Equals(source, destination, StringComparison.Ordinal))
        {
            throw new IOException("The backup must go to another file than the database.");
        }
        var directory = Path.GetDirectoryName(destination);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        var partial = destination + ".partial";
        File.Delete(partial);
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                // A backup holds what the database holds (webhook tokens, conversations): owner-only like the database.
                // VACUUM INTO writes into an existing empty file and keeps its permissions.
                using var created = new FileStream(partial, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                });
            }
            // Its own connection, unpooled and not through the connection factory: a backup must not migrate the schema.
            using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = source,
                Mode = SqliteOpenMode.ReadWrite,
                Pooling = false,
                DefaultTimeout = 30,
            }.ToString()))
            {
                connection.Open();
                using var cmd = connection.CreateCommand();
                cmd.CommandText = $"PRAGMA busy_timeout={SqliteConnectionFactory.BusyTimeoutMilliseconds}; VACUUM INTO $file;";
                cmd.Parameters.AddWithValue("$file", partial);
                cmd.ExecuteNonQuery();
            }
            var result = Inspect(partial, destination);
            File.Move(partial, destination);
            return result;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>Opens a backup read-only and checks it: integrity, schema version, paper count.</summary>
    public static DatabaseBackupResult Inspect(string file, string? reportAs = null)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA quick_check;";
        var verdict = Convert.ToString(check.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (verdict != "ok")
        {
            throw new InvalidDataException($"The backup failed its integrity check: {verdict}");
        }
        var version = SchemaMigrator.CurrentVersion(connection);
        long papers = 0;
        if (version >= 1)
        {
            using var count = connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM papers";
            papers = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        return new DatabaseBackupResult(reportAs ?? Path.GetFullPath(file), version, papers, new FileInfo(file).Length);
    }
}
