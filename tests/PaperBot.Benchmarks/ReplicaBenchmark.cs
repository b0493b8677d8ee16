using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using PaperBot.Tests.Digest;
using PaperBot.Tests.Storage;
using PaperBot.Tests.Support;

namespace PaperBot.Benchmarks;

/// <summary>
/// Replicas sharing PostgreSQL behind a round-robin loopback balancer: answered questions per second with 1 and 2
/// <c>paperbot serve</c> processes (extractive answers, web API), the lag from a listing dropped into one replica's
/// inbox to it being answered through the other, and what the balancer's clients see when one replica is killed.
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
        var database = postgres.CreateDatabase();
        var folder = Directory.CreateTempSubdirectory("paperbot-replica-bench-").FullName;
        var inbox = Directory.CreateDirectory(Path.Combine(folder, "inbox")).FullName;
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
                };
                if (withInbox)
                {
                    environment["PaperBot__Inbox"] = inbox;
                    environment["PaperBot__InboxPollSeconds"] = "1";
                }
                return environment;
            }
            await using var a = await ServeProcess.StartAsync(folder, Path.Combine(folder, "a.db"), Environment(withInbox: true));
            await using var balancer = await Balancer.StartAsync([a.Address]);
            await a.AskAsync("warm up the corpus vectors");
            var one = await ThroughputAsync(balancer.Address, TimeSpan.FromSeconds(seconds), concurrency);
            Console.WriteLine($"1 replica:  {one.PerSecond:0.0} answered questions/s, p50 {one.P50:0} ms, p95 {one.P95:0} ms, {one.Errors} errors ({concurrency} concurrent, {seconds} s)");

            await using var b = await ServeProcess.StartAsync(folder, Path.Combine(folder, "b.db"), Environment(withInbox: false));
            await b.AskAsync("warm up the corpus vectors");
            balancer.Backends = [a.Address, b.Address];
            var two = await ThroughputAsync(balancer.Address, TimeSpan.FromSeconds(seconds), concurrency);
            Console.WriteLine($"2 replicas: {two.PerSecond:0.0} answered questions/s, p50 {two.P50:0} ms, p95 {two.P95:0} ms, {two.Errors} errors");

            // Sync lag: a listing dropped into A's inbox, asked about on B until B cites it.
            var lag = Stopwatch.StartNew();
            File.WriteAllText(Path.Combine(inbox, "new.txt"), TestPaper.About("origami folding robots with soft actuators").ToListing());
            while (lag.Elapsed < TimeSpan.FromSeconds(120))
            {
                var (_, reply) = await b.AskAsync("which papers are about origami folding robots?");
                if (reply.GetProperty("sources").EnumerateArray().Any(s => s.GetProperty("title").GetString()!.Contains("origami", StringComparison.OrdinalIgnoreCase)))
                {
                    break;
                }
                await Task.Delay(100);
            }
            Console.WriteLine($"Sync lag (file into A's inbox → answered on B): {lag.Elapsed.TotalSeconds:0.0} s (inbox poll 1 s; NOTIFY, then a 5 s poll as backstop)");

            // Failover: A killed mid-load; the balancer retries a refused connection on the next replica.
            var load = ThroughputAsync(balancer.Address, TimeSpan.FromSeconds(Math.Max(6, seconds / 2)), concurrency);
            await Task.Delay(TimeSpan.FromSeconds(2));
            await a.KillAsync();
            var during = await load;
            Console.WriteLine($"A killed under load: {during.PerSecond:0.0} answered questions/s over the window, {during.Errors} errors seen by clients " +
                $"(requests in flight on A when it died fail; new ones go to B)");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(double PerSecond, double P50, double P95, int Errors)> ThroughputAsync(Uri address, TimeSpan duration, int concurrency)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        var latencies = new List<double>();
        var errors = 0;
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
                        continue;
                    }
                    lock (latencies)
                    {
                        latencies.Add((clock.Elapsed - started).TotalMilliseconds);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        latencies.Sort();
        double At(double q) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
        return (latencies.Count / clock.Elapsed.TotalSeconds, At(0.5), At(0.95), errors);
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
            for (var attempt = 0; attempt < backends.Count; attempt++)
            {
                var backend = backends[(int)((uint)Interlocked.Increment(ref _next) % (uint)backends.Count)];
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
