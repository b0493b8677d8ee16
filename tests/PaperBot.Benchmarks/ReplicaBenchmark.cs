using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using PaperBot.Tests.Digest;
using PaperBot.Tests.Discord;
using PaperBot.Tests.Storage;
using PaperBot.Tests.Support;

namespace PaperBot.Benchmarks;

/// <summary>
/// Replicas sharing PostgreSQL behind a round-robin loopback balancer: answered questions per second with 1 and 2
/// <c>paperbot serve</c> processes (extractive answers, web API), the lag from a listing dropped into one replica's
/// inbox to it being answered through the other, and failover when the replica that leads is killed with SIGKILL
/// under load: what the balancer's clients see (errors, the longest wait between two answers) and how long until the
/// other replica holds the Discord gateway (a loopback fake gateway).
/// </summary>
/// <remarks>Run with: dotnet run -c Release --project tests/PaperBot.Benchmarks -- replicas [--seconds 20] [--concurrency 8]</remarks>
public static class ReplicaBenchmark
{
    private static readonly string[] Topics =
    [
        "speculative decoding", "continual relation extraction", "preference optimization", "retrieval augmented generation",
        "instruction tuning", "mixture of experts", "hallucination detection", "code generation", "long context", "reward models",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = ArgValue(args, "--seconds", 20);
        var concurrency = ArgValue(args, "--concurrency", 8);
        if (PostgresServer.BinFolder is null)
        {
            Console.Error.WriteLine(PostgresServer.NotInstalled);
            return 2;
        }
        using var postgres = new PostgresServer();
        await using var discord = await FakeDiscordServer.StartAsync();
        var database = postgres.CreateDatabase();
        var folder = Directory.CreateTempSubdirectory("paperbot-replica-bench-").FullName;
        var inbox = Directory.CreateDirectory(Path.Combine(folder, "inbox")).FullName;
        var signer = new TestSigner();
        try
        {
            Dictionary<string, string> Environment(bool withInbox)
            {
                var environment = new Dictionary<string, string>
                {
                    ["PaperBot__Corpus"] = RepositoryPaths.Corpus,
                    ["Storage__Provider"] = "Postgres",
                    ["Storage__ConnectionString"] = postgres.ConnectionString(database),
                    ["Storage__PasswordVariable"] = PostgresServer.PasswordVariable,
                    [PostgresServer.PasswordVariable] = postgres.Password,
                    ["Storage__SyncPollSeconds"] = "5",
                    ["Web__Enabled"] = "true", // the load goes through the web page's API
                    ["Web__QuestionLimit"] = "1000", // the most allowed (per minute, per user: every request here is one loopback user)
                    // The gateway runs on the leader only; killing the leader measures how soon the other takes it.
                    ["Discord__ApplicationId"] = FakeDiscordServer.ApplicationId,
                    ["Discord__PublicKey"] = signer.PublicKeyHex,
                    ["Discord__BotToken"] = FakeDiscordServer.BotToken,
                    ["Discord__ApiBaseUrl"] = discord.ApiBaseUrl,
                    ["Discord__Gateway__Enabled"] = "true",
                    ["Discord__Gateway__Url"] = discord.GatewayUrl,
                };
                if (withInbox)
                {
                    environment["PaperBot__Inbox"] = inbox;
                    environment["PaperBot__InboxPollSeconds"] = "1";
                }
                return environment;
            }
            Console.WriteLine($"Load before the start: {Load()}");
            await using var a = await ServeProcess.StartAsync(folder, Path.Combine(folder, "a.db"), Environment(withInbox: true));
            // A starts alone, so it is the one that leads (and the one killed below).
            await WaitForAsync(() => Identifies(discord) == 1, TimeSpan.FromSeconds(60), "A to hold the gateway");
            await using var balancer = await Balancer.StartAsync([a.Address]);
            await a.AskAsync("warm up the corpus vectors");
            var one = await ThroughputAsync(balancer.Address, TimeSpan.FromSeconds(seconds), concurrency);
            Console.WriteLine($"1 replica:  {one.PerSecond:0.0} answered questions/s, p50 {one.P50:0} ms, p95 {one.P95:0} ms, {one.Errors} errors ({concurrency} concurrent, {seconds} s)");

            await using var b = await ServeProcess.StartAsync(folder, Path.Combine(folder, "b.db"), Environment(withInbox: false));
            await b.AskAsync("warm up the corpus vectors");
            balancer.Backends = [a.Address, b.Address];
            var two = await ThroughputAsync(balancer.Address, TimeSpan.FromSeconds(seconds), concurrency);
            Console.WriteLine($"2 replicas: {two.PerSecond:0.0} answered questions/s, p50 {two.P50:0} ms, p95 {two.P95:0} ms, {two.Errors} errors");

            // Sync lag: a listing dropped into A's inbox, asked about on B until B cites it; three listings, one at a time.
            string[] subjects = ["origami folding robots with soft actuators", "tensegrity rovers crossing dunes", "kelp forest acoustic mapping"];
            var lags = new List<double>();
            foreach (var subject in subjects)
            {
                var lag = Stopwatch.StartNew();
                var keyword = subject.Split(' ')[0];
                File.WriteAllText(Path.Combine(inbox, keyword + ".txt"), TestPaper.About(subject).ToListing());
                while (true)
                {
                    var (_, reply) = await b.AskAsync($"which papers are about {subject}?");
                    if (reply.GetProperty("sources").EnumerateArray().Any(s => s.GetProperty("title").GetString()!.Contains(keyword, StringComparison.OrdinalIgnoreCase)))
                    {
                        break;
                    }
                    if (lag.Elapsed > TimeSpan.FromSeconds(120))
                    {
                        throw new TimeoutException($"B never answered with the listing about {subject}");
                    }
                    await Task.Delay(100);
                }
                lags.Add(lag.Elapsed.TotalSeconds);
            }
            Console.WriteLine($"Sync lag (file into A's inbox → answered on B): {string.Join(", ", lags.Select(l => l.ToString("0.0", CultureInfo.InvariantCulture)))} s " +
                "(inbox poll 1 s; NOTIFY, then a 5 s poll as backstop)");

            // Failover: A (the leader) killed mid-load; the balancer retries a refused connection on the next replica.
            var window = TimeSpan.FromSeconds(Math.Max(8, seconds / 2));
            var killAt = TimeSpan.FromSeconds(2);
            var load = ThroughputAsync(balancer.Address, window, concurrency);
            await Task.Delay(killAt);
            var killed = Stopwatch.StartNew();
            await a.KillAsync();
            await WaitForAsync(() => Identifies(discord) == 2, TimeSpan.FromSeconds(60), "B to hold the gateway");
            var gatewayFailover = killed.Elapsed;
            var during = await load;
            var gap = LongestGap(during.Completions, killAt - TimeSpan.FromSeconds(1), window);
            Console.WriteLine($"A killed under load: {during.PerSecond:0.0} answered questions/s over the {window.TotalSeconds:0} s window, {during.Errors} errors seen by clients ({during.ErrorKinds}) " +
                $"(requests in flight on A when it died fail; new ones go to B); longest wait between two answers around the kill {gap.TotalMilliseconds:0} ms");
            Console.WriteLine($"Gateway failover (A killed → B identifies): {gatewayFailover.TotalSeconds:0.0} s (followers try the leader lock every 5 s)");
            Console.WriteLine($"Load after the run: {Load()}");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int Identifies(FakeDiscordServer discord) => discord.GatewayReceived.Count(p => p.GetProperty("op").GetInt32() == 2);

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}");
            }
            await Task.Delay(20);
        }
    }

    /// <summary>The longest time between two answers (or from the window's start or to its end) from <paramref name="from"/> on.</summary>
    private static TimeSpan LongestGap(IReadOnlyList<TimeSpan> completions, TimeSpan from, TimeSpan to)
    {
        var times = completions.Where(t => t >= from).Order().Prepend(from).Append(to).ToList();
        return times.Zip(times.Skip(1), (x, y) => y - x).Max();
    }

    private static async Task<(double PerSecond, double P50, double P95, int Errors, IReadOnlyList<TimeSpan> Completions, string ErrorKinds)> ThroughputAsync(Uri address, TimeSpan duration, int concurrency)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        var latencies = new List<double>();
        var completions = new List<TimeSpan>();
        var errors = 0;
        var kinds = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        void Count(string kind) => kinds.AddOrUpdate(kind, 1, (_, n) => n + 1);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var i = worker;
            while (clock.Elapsed < duration)
            {
                var started = clock.Elapsed;
                try
                {
                    using var response = await http.PostAsync("/api/web/ask", JsonContent.Create(new { question = $"which papers are about {Topics[i++ % Topics.Length]}?" }));
                    var body = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode != HttpStatusCode.OK || !body.Contains("event: reply", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref errors);
                        Count(response.StatusCode == HttpStatusCode.OK ? "200 without a reply" : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
                        continue;
                    }
                    lock (latencies)
                    {
                        latencies.Add((clock.Elapsed - started).TotalMilliseconds);
                        completions.Add(clock.Elapsed);
                    }
                }
                catch (HttpRequestException e)
                {
                    Interlocked.Increment(ref errors);
                    Count(e.InnerException?.GetType().Name ?? e.GetType().Name);
                }
            }
        }));
        latencies.Sort();
        double At(double q) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
        var errorKinds = string.Join(", ", kinds.OrderByDescending(k => k.Value).Select(k => $"{k.Value} x {k.Key}"));
        return (latencies.Count / clock.Elapsed.TotalSeconds, At(0.5), At(0.95), errors, completions, errorKinds);
    }

    private static int ArgValue(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>A round-robin reverse proxy on loopback: forwards each request to the next replica, and on a refused connection to the one after.</summary>
    private sealed class Balancer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };
        private int _next;

        private Balancer(WebApplication app) => _app = app;

        public IReadOnlyList<Uri> Backends { get; set; } = [];

        public Uri Address { get; private set; } = null!;

        public static async Task<Balancer> StartAsync(IReadOnlyList<Uri> backends)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var balancer = new Balancer(app) { Backends = backends };
            app.Run(balancer.ForwardAsync);
            await app.StartAsync();
            balancer.Address = new Uri(app.Urls.First());
            return balancer;
        }

        private async Task ForwardAsync(HttpContext context)
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var backends = Backends;
            // A retry goes to the replica after the one refused: with the shared counter, a concurrent request could
            // move it on in between, and the retry land on the dead replica again.
            var first = (uint)Interlocked.Increment(ref _next);
            for (var attempt = 0u; attempt < backends.Count; attempt++)
            {
                var backend = backends[(int)((first + attempt) % (uint)backends.Count)];
                using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(backend, context.Request.Path + context.Request.QueryString))
                {
                    Content = new ByteArrayContent(body.ToArray()),
                };
                if (context.Request.ContentType is { } type)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
                }
                try
                {
                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
                    context.Response.StatusCode = (int)response.StatusCode;
                    if (response.Content.Headers.ContentType is { } contentType)
                    {
                        context.Response.ContentType = contentType.ToString();
                    }
                    await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
                    return;
                }
                catch (HttpRequestException e) when (e.InnerException is System.Net.Sockets.SocketException)
                {
                    // Connection refused: that replica is gone; the next one gets the request.
                }
            }
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await _app.DisposeAsync();
        }
    }
}
