using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace PaperBot.Tests.Teams;

/// <summary>
/// Authenticated activities handled per second: signed activities POSTed to /api/messages by 32 concurrent senders,
/// counted as handled when the turn finished (its reply accepted by the fake connector). Bounded (PAPERBOT_TEAMS_BENCH_N, default
/// 2000 per workload) and loopback only. Run:
/// <c>PAPERBOT_TEAMS_BENCH=1 dotnet test -c Release --filter FullyQualifiedName~TeamsThroughputBenchmark --logger "console;verbosity=detailed"</c>
/// </summary>
public sealed class TeamsThroughputBenchmark(AuthenticatedTeamsServer server, ITestOutputHelper output) : IClassFixture<AuthenticatedTeamsServer>
{
    private const int Senders = 32;
    private const int Conversations = 100;
    private const string TypingActivity = "\u0000typing";

    [BenchmarkFact]
    public async Task Authenticated_activities_handled_per_second()
    {
        var n = int.TryParse(Environment.GetEnvironmentVariable("PAPERBOT_TEAMS_BENCH_N"), out var configured) ? configured : 2000;
        await RunAsync("warm-up", "help", 100);
        foreach (var (name, text) in new[] { ("typing (auth + queue only)", TypingActivity), ("help (protocol cost)", "help"), ("search (retrieval + card)", "search speculative decoding"), ("ask (extractive answer)", "ask what is speculative decoding?") })
        {
            var (acceptRate, handledRate, elapsed) = await RunAsync(name, text, n);
            output.WriteLine($"{name,-28} n={n}  accepted {acceptRate,8:F0}/s  handled {handledRate,8:F0}/s  ({elapsed.TotalSeconds:F2} s)  cores={Environment.ProcessorCount}");
        }
    }

    private async Task<(double AcceptRate, double HandledRate, TimeSpan Elapsed)> RunAsync(string run, string text, int n)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var conversations = Enumerable.Range(0, Conversations).Select(i => $"a:bench-{tag}-{i}").ToArray();
        var token = server.ValidToken(); // the connector reuses its token for about an hour
        var activities = Enumerable.Range(0, n).Select(i => server.Message(conversations[i % Conversations], text)).ToArray();
        if (text == TypingActivity)
        {
            // The user is typing: authenticated, queued and dispatched, but nothing to answer.
            foreach (var activity in activities)
            {
                activity["type"] = "typing";
                activity.Remove("text");
            }
        }
        var adapter = server.Service<PaperBot.Host.Channels.Teams.TeamsAdapter>();
        var processedBefore = adapter.ProcessedTurns;

        var busy = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(activities, new ParallelOptions { MaxDegreeOfParallelism = Senders }, async (activity, cancellationToken) =>
        {
            // A full turn queue answers 503; back off and resend, as the connector would.
            for (var attempt = 0; ; attempt++)
            {
                using var response = await server.PostActivityAsync(activity, token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    break;
                }
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt > 1000)
                {
                    throw new InvalidOperationException($"{run}: {response.StatusCode}");
                }
                Interlocked.Increment(ref busy);
                await Task.Delay(20, cancellationToken);
            }
        });
        var accepted = clock.Elapsed;
        // A turn counts as handled when the handler finished, i.e. its reply was accepted by the connector.
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (adapter.ProcessedTurns < processedBefore + n)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{run}: {adapter.ProcessedTurns - processedBefore} of {n} turns handled");
            }
            await Task.Delay(2);
        }
        var handled = clock.Elapsed;
        if (busy > 0)
        {
            output.WriteLine($"{run}: {busy} POSTs were answered 503 (turn queue full) and resent");
        }
        return (n / accepted.TotalSeconds, n / handled.TotalSeconds, handled);
    }
}
