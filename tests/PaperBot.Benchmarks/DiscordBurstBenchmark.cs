using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using PaperBot.Tests.Discord;

namespace PaperBot.Benchmarks;

/// <summary>
/// A bounded burst of signed, deferred /ask interactions against the real server on loopback: how long the initial
/// response takes (Discord's deadline is 3 s) and how long until every answer has been delivered by PATCH.
/// </summary>
/// <remarks>Run with: dotnet run -c Release --project tests/PaperBot.Benchmarks -- burst [--n 200] [--concurrency 64] [--timeout 600]</remarks>
public static class DiscordBurstBenchmark
{
    private static readonly string[] Topics =
    [
        "speculative decoding", "continual relation extraction", "preference optimization", "retrieval augmented generation",
        "instruction tuning", "mixture of experts", "hallucination detection", "code generation", "long context", "reward models",
    ];

    public static async Task RunAsync(string[] args)
    {
        var n = ArgValue(args, "--n", 200);
        var concurrency = ArgValue(args, "--concurrency", 64);
        var timeout = TimeSpan.FromSeconds(ArgValue(args, "--timeout", 600));

        await using var discord = await FakeDiscordServer.StartAsync();
        await using var server = await PaperBotTestServer.StartAsync(discord, new Dictionary<string, string?>
        {
            ["Discord:UserQuestionLimit"] = "1000", // the most allowed; the burst spreads its questions over 500 users
            ["Discord:QueueCapacity"] = "10000",
        });
        // One answered question first, so the burst measures steady state, not start-up.
        await AskAndWaitAsync(server, discord, "bench-warm-up", "warm up the corpus vectors", timeout);

        var initial = new double[n];
        var types = new int[n];
        var gate = new SemaphoreSlim(concurrency);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, n).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var json = PaperBotTestServer.Command("ask", "question", $"which papers are about {Topics[i % Topics.Length]}?", token: Token(i), userId: $"9{i % 500:D3}");
                var sent = clock.Elapsed;
                using var response = await server.PostInteractionAsync(json);
                var body = await response.Content.ReadAsStringAsync();
                initial[i] = (clock.Elapsed - sent).TotalMilliseconds;
                types[i] = response.StatusCode == HttpStatusCode.OK ? JsonDocument.Parse(body).RootElement.GetProperty("type").GetInt32() : -(int)response.StatusCode;
            }
            finally
            {
                gate.Release();
            }
        }));
        var acknowledgedAt = clock.Elapsed;
        var deferred = Enumerable.Range(0, n).Where(i => types[i] == 5).ToList();
        var completion = new Dictionary<int, double>();
        while (completion.Count < deferred.Count && clock.Elapsed < timeout)
        {
            foreach (var i in deferred.Where(i => !completion.ContainsKey(i)))
            {
                var patches = discord.RequestsTo($"webhooks/{FakeDiscordServer.ApplicationId}/{Token(i)}/messages/@original", "PATCH");
                if (patches.Count > 0)
                {
                    completion[i] = (patches[0].At - started).TotalMilliseconds;
                }
            }
            await Task.Delay(50);
        }

        var sorted = initial.Order().ToList();
        Console.WriteLine($"PaperBot Discord burst: {n} signed /ask, {concurrency} at a time, {Environment.ProcessorCount} cores, loopback");
        Console.WriteLine(LatencyStats.From("initial response", [.. initial]));
        Console.WriteLine($"initial responses over Discord's 3 s: {initial.Count(ms => ms > 3000)}; deferred (type 5): {deferred.Count}; other: "
            + string.Join(", ", types.Where(t => t != 5).GroupBy(t => t).Select(g => $"{(g.Key < 0 ? "HTTP " + -g.Key : "type " + g.Key)} x{g.Count()}")));
        Console.WriteLine($"all acknowledged after {acknowledgedAt.TotalSeconds:0.00} s");
        if (completion.Count > 0)
        {
            Console.WriteLine(LatencyStats.From("answer delivered (from start)", [.. completion.Values]));
        }
        Console.WriteLine($"answers delivered: {completion.Count} of {deferred.Count}; last after {(completion.Count > 0 ? completion.Values.Max() / 1000 : 0):0.00} s"
            + (completion.Count < deferred.Count ? $" (gave up after {timeout.TotalSeconds:0} s)" : ""));
    }

    private static string Token(int i) => "burst-" + i.ToString("D5", CultureInfo.InvariantCulture);

    private static async Task AskAndWaitAsync(PaperBotTestServer server, FakeDiscordServer discord, string token, string question, TimeSpan timeout)
    {
        using (await server.PostInteractionAsync(PaperBotTestServer.Command("ask", "question", question, token: token, userId: "8999")))
        {
        }
        var deadline = DateTime.UtcNow + timeout;
        while (discord.RequestsTo($"webhooks/{FakeDiscordServer.ApplicationId}/{token}/messages/@original", "PATCH").Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    internal static int ArgValue(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
