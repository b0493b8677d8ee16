using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PaperBot.Tests.Storage;

/// <summary>
/// A throwaway PostgreSQL cluster for the tests: Debian's binaries (<c>/usr/lib/postgresql/N/bin</c>), a data folder
/// under /tmp, a free port on 127.0.0.1 and a random password; stopped and deleted when the test run ends. Run as root
/// (CI), the cluster belongs to the <c>postgres</c> user, since PostgreSQL refuses to run as root. Each test gets a
/// database of its own from <see cref="CreateDatabase"/>.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    /// <summary>The environment variable the tests' PaperBot reads the password from.</summary>
    public const string PasswordVariable = "PAPERBOT_TEST_POSTGRES_PASSWORD";

    private const string User = "paperbot";
    private readonly string _folder;
    private readonly string _bin;
    private readonly bool _asPostgresUser;
    private int _databases;

    public PostgresServer()
    {
        _bin = BinFolder ?? throw new InvalidOperationException(NotInstalled);
        _asPostgresUser = Environment.UserName == "root";
        Password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
        _folder = Path.Combine(Path.GetTempPath(), $"paperbot-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(_folder);
        var passwordFile = Path.Combine(_folder, "pw");
        File.WriteAllText(passwordFile, Password);
        if (_asPostgresUser)
        {
            Run("chown", "-R", "postgres:postgres", _folder);
        }
        Port = FreePort();
        var data = Path.Combine(_folder, "data");
        RunPostgres("initdb", "-D", data, "-U", User, "--auth=scram-sha-256", "--pwfile=" + passwordFile, "-E", "UTF8", "--no-sync");
        // fsync off: a test cluster that loses its data in a machine crash loses nothing anyone needs.
        RunPostgres("pg_ctl", "start", "-D", data, "-w", "-t", "60", "-l", Path.Combine(_folder, "log"),
            "-o", $"-c listen_addresses=127.0.0.1 -c port={Port} -c unix_socket_directories={_folder} -c fsync=off -c max_connections=200");
        Environment.SetEnvironmentVariable(PasswordVariable, Password);
    }

    /// <summary>Where Debian installed PostgreSQL's programs, the newest version first; null when it is not installed.</summary>
    public static string? BinFolder => Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
        : null;

    public const string NotInstalled = "PostgreSQL is not installed (apt-get install postgresql-15); .ci/run installs it.";

    public int Port { get; }

    public string Password { get; }

    /// <summary>A connection string without the password, as PaperBot's configuration takes it.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = User, Database = database }.ConnectionString;

    /// <summary>A new, empty database for one test.</summary>
    public string CreateDatabase()
    {
        var name = $"pb_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..24];
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Password = Password }.ConnectionString);
        connection.Open();
        using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        cmd.ExecuteNonQuery();
        return name;
    }

    /// <summary>Stops the cluster at once (as a crash would) and starts it again, on the same port.</summary>
    public void Restart(TimeSpan downFor)
    {
        Crash();
        Thread.Sleep(downFor);
        Start();
    }

    /// <summary>Stops the cluster at once, as a crash would: open sessions are cut, nothing is flushed.</summary>
    public void Crash()
    {
        RunPostgres("pg_ctl", "stop", "-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w");
        // The tests' own pooled connections died with the server; the next test must not be handed one.
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Starts the cluster again on the same port, after <see cref="Crash"/>.</summary>
    public void Start() =>
        RunPostgres("pg_ctl", "start", "-D", Path.Combine(_folder, "data"), "-w", "-t", "60", "-l", Path.Combine(_folder, "log"),
            "-o", $"-c listen_addresses=127.0.0.1 -c port={Port} -c unix_socket_directories={_folder} -c fsync=off -c max_connections=200");

    public void Dispose()
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            RunPostgres("pg_ctl", "stop", "-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w");
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private void RunPostgres(string program, params string[] args)
    {
        var path = Path.Combine(_bin, program);
        if (_asPostgresUser)
        {
            Run("runuser", ["-u", "postgres", "--", path, .. args]);
        }
        else
        {
            Run(path, args);
        }
    }

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in 120 s");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {process.ExitCode}: {output.Result}{error.Result}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
