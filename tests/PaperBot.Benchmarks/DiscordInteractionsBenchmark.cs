using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using PaperBot.Host.Server;

namespace PaperBot.Benchmarks;

// Interactions handled per second with Ed25519 verification, next to the same server's GET /healthz.
// Loopback only, a few seconds per scenario. Run from the repository root:
// dotnet run -c Release --project tests/PaperBot.Benchmarks -- --seconds 3 --concurrency 16
/// <remarks>Run with: dotnet run -c Release --project tests/PaperBot.Benchmarks -- discord [--seconds 3] [--concurrency 16]</remarks>
public static class DiscordInteractionsBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var seconds = ArgValue("--seconds", 3);
        var concurrency = ArgValue("--concurrency", 16);

        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        var keys = generator.GenerateKeyPair();
        var publicKeyHex = Convert.ToHexString(((Ed25519PublicKeyParameters)keys.Public).GetEncoded());

        // A sink standing in for Discord's webhook routes, so deferred answers have somewhere to be PATCHed.
        var delivered = 0;
        var sinkBuilder = WebApplication.CreateSlimBuilder();
        sinkBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        sinkBuilder.Logging.ClearProviders();
        await using var sink = sinkBuilder.Build();
        sink.Run(async context =>
        {
            Interlocked.Increment(ref delivered);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"id\":\"1\"}");
        });
        await sink.StartAsync();

        var directory = Directory.CreateTempSubdirectory("paperbot-bench-");
        var settings = new Dictionary<string, string?>
        {
            // Channel tests do not exercise dense retrieval (LocalEmbeddingTests does, on one shared embedded corpus):
            // no background job embedding the corpus beside every test server.
            ["Embeddings:Provider"] = "None",
            ["PaperBot:Database"] = Path.Combine(directory.FullName, "bench.db"),
            ["PaperBot:Corpus"] = Corpus(),
            ["Discord:ApplicationId"] = "800000000000000001",
            ["Discord:PublicKey"] = publicKeyHex,
            ["Discord:BotToken"] = "bench",
            ["Discord:ApiBaseUrl"] = sink.Urls.First() + "/api/v10",
            ["Discord:QueueCapacity"] = "10000",
            ["Discord:UserQuestionLimit"] = "1000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:PaperBot"] = "Warning",
        };
        var app = ServeCommand.BuildApp([], null, "http://127.0.0.1:0", c => c.AddInMemoryCollection(settings));
        await app.StartAsync();
        var baseUrl = app.Urls.First();

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri(baseUrl) };
        var ping = Signed("""{"id":"1","application_id":"800000000000000001","type":1,"token":"t","version":1}""");
        // Every deferred interaction needs its own id: the server acts once per id (replay protection).
        var helpIds = 1000L;
        (byte[] Body, string Timestamp, string Signature) Help() => Signed("""{"id":"ID","application_id":"800000000000000001","type":2,"token":"bench-token","version":1,"channel_id":"4","user":{"id":"7"},"data":{"id":"3","name":"help","type":1}}"""
            .Replace("ID", Interlocked.Increment(ref helpIds).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var forged = (ping.Body, ping.Timestamp, Signature: new string('0', 128));

        Console.WriteLine($"PaperBot Discord benchmark: {Environment.ProcessorCount} cores, {concurrency} concurrent loopback clients, {seconds} s per scenario");
        Console.WriteLine($"{"scenario",-40} {"req/s",10} {"p50 ms",8} {"p99 ms",8} {"ok",8} {"bad",6}");
        await RunAsync("warm-up (discarded)", () => Post(ping), 200, quiet: true, durationSeconds: 1);
        await RunAsync("GET /healthz", () => new HttpRequestMessage(HttpMethod.Get, "/healthz"), 200);
        await RunAsync("PING, signature verified -> PONG", () => Post(ping), 200);
        await RunAsync("/help, verified -> deferred (+PATCH)", () => Post(Help()), 200);
        await RunAsync("forged signature -> 401", () => Post(forged), 401);
        await Task.Delay(500);
        Console.WriteLine($"deferred answers PATCHed to the sink: {delivered}");

        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        directory.Delete(recursive: true);
        return;

        async Task RunAsync(string name, Func<HttpRequestMessage> request, int expected, bool quiet = false, int? durationSeconds = null)
        {
            var ok = 0;
            var bad = 0;
            var latencies = new List<double>[concurrency];
            var stop = Stopwatch.StartNew();
            var duration = TimeSpan.FromSeconds(durationSeconds ?? seconds);
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
            {
                var mine = latencies[worker] = [];
                while (stop.Elapsed < duration)
                {
                    var started = Stopwatch.GetTimestamp();
                    using var response = await http.SendAsync(request());
                    await response.Content.LoadIntoBufferAsync();
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if ((int)response.StatusCode == expected)
                    {
                        Interlocked.Increment(ref ok);
                    }
                    else
                    {
                        Interlocked.Increment(ref bad);
                    }
                }
            }));
            var elapsed = stop.Elapsed.TotalSeconds;
            var all = latencies.SelectMany(l => l).Order().ToList();
            if (!quiet)
            {
                Console.WriteLine($"{name,-40} {ok / elapsed,10:0} {all[all.Count / 2],8:0.00} {all[(int)(all.Count * 0.99)],8:0.00} {ok,8} {bad,6}");
            }
        }

        HttpRequestMessage Post((byte[] Body, string Timestamp, string Signature) signed)
        {
            var message = new HttpRequestMessage(HttpMethod.Post, "/api/discord/interactions") { Content = new ByteArrayContent(signed.Body) };
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            message.Headers.TryAddWithoutValidation("X-Signature-Ed25519", signed.Signature);
            message.Headers.TryAddWithoutValidation("X-Signature-Timestamp", signed.Timestamp);
            return message;
        }

        (byte[] Body, string Timestamp, string Signature) Signed(string json)
        {
            var body = Encoding.UTF8.GetBytes(json);
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var signer = new Ed25519Signer();
            signer.Init(true, keys.Private);
            var ts = Encoding.UTF8.GetBytes(timestamp);
            signer.BlockUpdate(ts, 0, ts.Length);
            signer.BlockUpdate(body, 0, body.Length);
            return (body, timestamp, Convert.ToHexString(signer.GenerateSignature()));
        }

        int ArgValue(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
        }

        static string Corpus()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PaperBot.sln")))
                {
                    return Path.Combine(dir.FullName, "corpus");
                }
            }
            throw new InvalidOperationException("Run from inside the repository: PaperBot.sln not found.");
        }

    }
}
