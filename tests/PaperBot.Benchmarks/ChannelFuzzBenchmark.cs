using System.Diagnostics;
using PaperBot.Tests.Reliability;

namespace PaperBot.Benchmarks;

/// <summary>
/// The channel fuzzer of the test suite, run longer: mutated signed Discord interactions and Teams activities with
/// valid tokens through the real endpoints, then the invariants (no 5xx, no stack trace, still serving, database intact).
/// </summary>
/// <remarks>Run with: dotnet run -c Release --project tests/PaperBot.Benchmarks -- fuzz-channels [--seed 1] [--cases 2000] [--seconds 300]</remarks>
public static class ChannelFuzzBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seed = DiscordBurstBenchmark.ArgValue(args, "--seed", Environment.TickCount);
        var cases = DiscordBurstBenchmark.ArgValue(args, "--cases", 2000);
        var seconds = DiscordBurstBenchmark.ArgValue(args, "--seconds", 300);

        await using var harness = await ChannelFuzzHarness.StartAsync();
        var clock = Stopwatch.StartNew();
        var report = await harness.RunAsync(seed, cases, TimeSpan.FromSeconds(seconds));
        var elapsed = clock.Elapsed;
        var serving = await harness.StillServingAsync();
        var traces = harness.StackTraces;
        var integrity = harness.IntegrityCheck();

        Console.WriteLine($"PaperBot channel fuzz: seed {seed}, {report.Cases} cases in {elapsed.TotalSeconds:0.0} s");
        Console.WriteLine(report);
        foreach (var error in report.ServerErrors.Take(20))
        {
            Console.WriteLine("  5xx: " + error);
        }
        Console.WriteLine($"still serving: {serving ?? "yes"}; stack traces in the log: {traces.Count}; integrity_check: {integrity}");
        foreach (var trace in traces.Take(5))
        {
            Console.WriteLine("  " + trace.Split('\n')[0]);
        }
        return report.ServerErrors.Count == 0 && serving is null && traces.Count == 0 && integrity == "ok" ? 0 : 1;
    }
}
