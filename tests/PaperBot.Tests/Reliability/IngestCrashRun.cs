using System.Diagnostics;
using Microsoft.Data.Sqlite;
using PaperBot.Core.Storage;

namespace PaperBot.Reliability;

/// <summary>
/// Kills a real <c>paperbot ingest</c> process with SIGKILL part-way through, then checks the database the way the
/// next process finds it: <c>PRAGMA integrity_check</c> is ok, the papers are those before the run or those after it
/// (one transaction), and ingesting again completes with every record.
/// </summary>
public sealed class IngestCrashRun
{
    private readonly string _corpus;
    private readonly string _work;
    private readonly string _paperbot;

    public IngestCrashRun(string corpusFolder, string workFolder, string paperbotDll)
    {
        _corpus = Path.GetFullPath(corpusFolder);
        _work = Path.GetFullPath(workFolder);
        _paperbot = paperbotDll;
        Directory.CreateDirectory(_work);
    }

    public string DatabasePath => Path.Combine(_work, "crash.db");

    /// <summary>Ingests the corpus, prepares <paramref name="copies"/> renamed copies of it (more records, same papers).</summary>
    public (int Papers, long Sources) Prepare(int copies)
    {
        Run(["ingest", _corpus], wait: true);
        var listings = Path.Combine(_work, "copies");
        Directory.CreateDirectory(listings);
        for (var i = 0; i < copies; i++)
        {
            foreach (var file in Directory.GetFiles(_corpus))
            {
                File.Copy(file, Path.Combine(listings, $"copy{i:D3}_{Path.GetFileName(file)}"), overwrite: true);
            }
        }
        return ((int)Scalar("SELECT COUNT(*) FROM papers"), Scalar("SELECT COUNT(*) FROM sources"));
    }

    /// <summary>
    /// Starts <c>ingest</c> of the copies and kills it: once the write-ahead log starts to grow (the commit is being
    /// written) when <paramref name="afterMilliseconds"/> is null, else after that long. Returns whether it was killed
    /// before it finished, and what the database held afterwards.
    /// </summary>
    public CrashOutcome KillOnce(int? afterMilliseconds)
    {
        var wal = DatabasePath + "-wal";
        var walBefore = File.Exists(wal) ? new FileInfo(wal).Length : 0;
        using var process = Run(["ingest", Path.Combine(_work, "copies")], wait: false);
        var stopwatch = Stopwatch.StartNew();
        var killed = false;
        while (!process.HasExited && stopwatch.Elapsed < TimeSpan.FromMinutes(5))
        {
            var due = afterMilliseconds is { } ms
                ? stopwatch.ElapsedMilliseconds >= ms
                : File.Exists(wal) && new FileInfo(wal).Length > walBefore;
            if (due)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                    killed = true;
                }
                catch (InvalidOperationException)
                {
                    // It finished between the check and the kill.
                }
                break;
            }
            Thread.Sleep(1);
        }
        process.WaitForExit();
        return new CrashOutcome(killed, Math.Round(stopwatch.Elapsed.TotalSeconds, 2), Integrity(),
            (int)Scalar("SELECT COUNT(*) FROM papers"), Scalar("SELECT COUNT(*) FROM sources"));
    }

    /// <summary>Runs the ingest of the copies to the end; returns its exit code.</summary>
    public int Complete()
    {
        using var process = Run(["ingest", Path.Combine(_work, "copies")], wait: true);
        return process.ExitCode;
    }

    public string Integrity() => Convert.ToString(ScalarObject("PRAGMA integrity_check"), System.Globalization.CultureInfo.InvariantCulture) ?? "";

    public long Scalar(string sql) => Convert.ToInt64(ScalarObject(sql), System.Globalization.CultureInfo.InvariantCulture);

    private object? ScalarObject(string sql)
    {
        // A new factory each time, as the next process would open the file.
        var factory = new SqliteConnectionFactory(DatabasePath);
        try
        {
            using var connection = factory.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            return cmd.ExecuteScalar();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    private Process Run(string[] args, bool wait)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(_paperbot);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.ArgumentList.Add("--db");
        start.ArgumentList.Add(DatabasePath);
        var process = Process.Start(start)!;
        // Drained so a full pipe never stalls the child.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (wait && !process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("paperbot ingest did not finish within 5 minutes");
        }
        return process;
    }
}

/// <summary>One kill: whether it landed before the run finished, and the database the next process found.</summary>
public sealed record CrashOutcome(bool Killed, double Seconds, string Integrity, int Papers, long Sources);
