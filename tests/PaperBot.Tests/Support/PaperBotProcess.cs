using System.Diagnostics;

namespace PaperBot.Tests.Support;

/// <summary>
/// Runs the built <c>paperbot</c> as a separate process, as an operator would, with extra environment variables: the
/// one place that spells out how (one-shot verbs here, <see cref="ServeProcess"/> for <c>serve</c>).
/// </summary>
public static class PaperBotProcess
{
    public static ProcessStartInfo StartInfo(string workingDirectory, IDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "paperbot.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // No background job embedding the whole corpus beside each process (LocalEmbeddingTests covers the model).
        start.Environment["Embeddings__Provider"] = "None";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        return start;
    }

    /// <summary>
    /// Runs one verb to its end and returns its exit code and output. Awaited, never waited on: a test blocking its
    /// thread-pool thread on the process while the output readers need a pool thread to finish is how the suite
    /// stalled on 2 cores (each blocked test held a thread until the pool grew by one, about a second apart).
    /// </summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string workingDirectory, IDictionary<string, string>? environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(workingDirectory, environment, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            // Not left running beside the rest of the suite.
            process.Kill(entireProcessTree: true);
            Assert.Fail("paperbot did not finish within two minutes");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
