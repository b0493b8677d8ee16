using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PaperBot.Core.Digest;
using PaperBot.Host.Digest.Discord;
using PaperBot.Tests.Digest;
using PaperBot.Tests.Discord;
using PaperBot.Tests.Llm;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Storage;

/// <summary>
/// Two real <c>paperbot serve</c> processes on one PostgreSQL database, one of them killed with SIGKILL in the middle
/// of work it holds: no shutdown code runs, so only its lease running out in PostgreSQL hands the work to the other.
/// Leases are a few seconds here (they are minutes in production) so the takeover fits in a test, and the replicas
/// start on a shared log holding only the papers a test publishes first (a replica whose log already has listings takes
/// those instead of ingesting the corpus), so each starts in seconds.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class KilledReplicaProcessTests(PostgresClusterFixture cluster) : IAsyncLifetime
{
    private const string Channel = "400000000000000777";
    private readonly string _folder = Directory.CreateTempSubdirectory("paperbot-killed-replica-").FullName;
    private readonly TestSigner _signer = new();
    private FakeDiscordServer _discord = null!;
    private string _database = null!;

    public async Task InitializeAsync()
    {
        _discord = await FakeDiscordServer.StartAsync();
        _database = cluster.Server.CreateDatabase();
    }

    public async Task DisposeAsync()
    {
        await _discord.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private Dictionary<string, string> Environment(IReadOnlyDictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["PaperBot__Corpus"] = RepositoryPaths.Corpus,  // not ingested: the log has listings by then
            ["Storage__Provider"] = "Postgres",
            ["Storage__ConnectionString"] = cluster.Server.ConnectionString(_database),
            ["Storage__PasswordVariable"] = PostgresServer.PasswordVariable,
            [PostgresServer.PasswordVariable] = cluster.Server.Password,
            ["Storage__SyncPollSeconds"] = "1",
            // Short leases: a dead replica's work is free again after seconds, not minutes.
            ["Storage__WorkLeaseSeconds"] = "5",
            ["Digest__ClaimLeaseSeconds"] = "8",
            ["Digest__PollSeconds"] = "1",
            ["Digest__HttpRetryDelayMilliseconds"] = "50",
            ["Discord__ApplicationId"] = FakeDiscordServer.ApplicationId,
            ["Discord__PublicKey"] = _signer.PublicKeyHex,
            ["Discord__BotToken"] = FakeDiscordServer.BotToken,
            ["Discord__ApiBaseUrl"] = _discord.ApiBaseUrl,
            ["Discord__Gateway__Enabled"] = "false",
            ["Web__Enabled"] = "true", // to see when a replica's index holds a paper
            ["Web__QuestionLimit"] = "1000",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }
        return environment;
    }

    private Task<ServeProcess> StartAsync(string name, IReadOnlyDictionary<string, string>? extra = null) =>
        ServeProcess.StartAsync(_folder, Path.Combine(_folder, name + ".db"), Environment(extra));

    /// <summary>Two replicas started side by side; if one fails to start, the other is not left running.</summary>
    private static async Task<(ServeProcess A, ServeProcess B)> BothAsync(Task<ServeProcess> a, Task<ServeProcess> b)
    {
        try
        {
            await Task.WhenAll(a, b);
        }
        catch
        {
            foreach (var started in new[] { a, b }.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }
            throw;
        }
        return (a.Result, b.Result);
    }

    /// <summary>
    /// Another replica, in this process, on <paramref name="clock"/>: it publishes listings to the shared log (dated by
    /// that clock) and makes subscriptions, as any replica can.
    /// </summary>
    private DigestHarness Publisher(FakeTimeProvider clock) => new(new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "Postgres",
        ["Storage:ConnectionString"] = cluster.Server.ConnectionString(_database),
        ["Storage:PasswordVariable"] = PostgresServer.PasswordVariable,
        ["Discord:ApplicationId"] = FakeDiscordServer.ApplicationId,
        ["Discord:PublicKey"] = _signer.PublicKeyHex,
        ["Discord:BotToken"] = FakeDiscordServer.BotToken,
        ["Discord:ApiBaseUrl"] = _discord.ApiBaseUrl,
        ["Discord:Gateway:Enabled"] = "false",
    }, time: clock);

    [PostgresFact]
    public async Task A_digest_due_while_both_run_is_posted_once_even_when_the_process_sending_it_is_killed_mid_post()
    {
        // Papers from yesterday, published through the shared log before the replicas start (so it is all they hold).
        var yesterday = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-26));
        using var earlier = Publisher(yesterday);
        // The first paper is the database's initial load, which a first digest leaves out; the second is news.
        earlier.AddPapers(TestPaper.About("older work on legged locomotion"));
        yesterday.Advance(TimeSpan.FromMinutes(30));
        var id = Assert.Single(earlier.AddPapers(TestPaper.About("tensegrity robots rolling over sand")));
        var (startedA, startedB) = await BothAsync(StartAsync("a"), StartAsync("b"));
        await using var a = startedA;
        await using var b = startedB;

        // Both replicas index it before the digest can fall due, so whichever composes it lists it.
        foreach (var replica in new[] { a, b })
        {
            await Eventually.ProbeAsync(async () => ServeProcess.SourceIds((await replica.AskAsync("which papers are about tensegrity robots?")).Reply).Contains(id),
                () => "the paper reaching a replica:\n" + replica.Output, TimeSpan.FromSeconds(60));
        }
        // Discord holds the first POST into the channel: the sender is then killed with it in flight.
        using var held = _discord.Hold($"channels/{Channel}/messages");
        // A subscription made yesterday through the shared database: its hourly digest is due as both replicas see it.
        yesterday.Advance(TimeSpan.FromHours(1));
        // The keyword keeps the digest to that one paper, so its text can be checked.
        earlier.Subscribe(new DigestTarget(DiscordChannelTarget.KindName, Channel), cron: "0 * * * *", keywords: ["tensegrity"]);
        await Eventually.TrueAsync(() => _discord.HeldRequests == 1, () => "a replica posting the digest:\nA:\n" + a.Output + "\nB:\n" + b.Output, TimeSpan.FromSeconds(60));

        var claimedBy = Text("SELECT claimed_by FROM digest_outbox");
        var (sender, survivor) = ClaimedBy(claimedBy, a) ? (a, b) : (b, a);
        Assert.True(ClaimedBy(claimedBy, sender) && !ClaimedBy(claimedBy, survivor), claimedBy);
        await sender.KillAsync();
        // Discord goes on to create the message although its sender is gone: the worst case, a post that landed unseen.
        held.Dispose();
        await Eventually.TrueAsync(() => _discord.MessagesCreated == 1, "the in-flight post landing");

        // After the lease the survivor takes the digest over and re-sends the in-flight part with the same nonce.
        // (The sender is dead, so whatever is posted from here on is the survivor's.)
        await Eventually.TrueAsync(() => Text("SELECT state FROM digest_outbox") == DigestOutboxStateNames.Name(DigestOutboxState.Sent),
            () => "the survivor finishing the digest:\n" + survivor.Output, TimeSpan.FromSeconds(60));
        var posts = _discord.RequestsTo($"channels/{Channel}/messages", "POST");
        Assert.Equal(2, posts.Count);
        Assert.Single(posts.Select(p => p.Json.GetProperty("nonce").GetString()).Distinct());
        Assert.Equal(1, _discord.MessagesCreated); // the channel shows it once
        Assert.Contains("tensegrity", DiscordMessageText.Of(posts[^1].Json), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1L, Scalar("SELECT count(*) FROM digest_outbox"));
    }

    [PostgresFact]
    public async Task An_interaction_acknowledged_by_a_process_killed_while_answering_is_answered_once_by_the_other()
    {
        await using var model = await FakeChatCompletionsServer.StartAsync();
        model.ReplyAlways(ScriptedReply.Completion("never delivered [1].") with { Delay = TimeSpan.FromMinutes(10) });
        using (var publisher = Publisher(new FakeTimeProvider(DateTimeOffset.UtcNow)))
        {
            publisher.AddPapers(TestPaper.About("speculative decoding with small draft models"), TestPaper.About("speculative decoding for long outputs"));
        }
        // A composes with a model that never replies; B answers extractively.
        var (startedA, startedB) = await BothAsync(StartAsync("a", new Dictionary<string, string>
        {
            ["Llm__Provider"] = "openai-compatible",
            ["Llm__Endpoint"] = model.BaseUrl,
            ["Llm__Model"] = "test-model",
            ["Llm__TimeoutSeconds"] = "600",
        }), StartAsync("b"));
        await using var a = startedA;
        await using var b = startedB;
        const string token = "tok-killed-process";
        var original = $"webhooks/{FakeDiscordServer.ApplicationId}/{token}/messages/@original";

        using (var response = await PostInteractionAsync(a, PaperBotTestServer.Command("ask", "question", "which papers are about speculative decoding?", token: token)))
        {
            response.EnsureSuccessStatusCode();
            Assert.Equal(5, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetInt32()); // deferred
        }
        await model.ReceivedAsync(1);
        Assert.Equal(1L, Scalar("SELECT count(*) FROM accepted_work WHERE payload IS NOT NULL"));
        Assert.True(ClaimedBy(Text("SELECT claimed_by FROM accepted_work"), a), Text("SELECT claimed_by FROM accepted_work"));
        await a.KillAsync();

        await Eventually.TrueAsync(() => _discord.RequestsTo(original, "PATCH").Count > 0, () => "B answering A's interaction:\n" + b.Output, TimeSpan.FromSeconds(60));
        var answer = DiscordMessageText.Of(_discord.RequestsTo(original, "PATCH").Single().Json);
        Assert.Contains("[1]", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("never delivered", answer, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => Scalar("SELECT count(*) FROM accepted_work WHERE payload IS NOT NULL") == 0, "the interaction recorded as finished");
        // The user sees one answer: nothing else was sent for that interaction.
        Assert.Single(_discord.RequestsTo($"webhooks/{FakeDiscordServer.ApplicationId}/{token}"));
    }

    /// <summary>Claims name their holder "host/pid/...": true when <paramref name="claimedBy"/> is this process's.</summary>
    private static bool ClaimedBy(string? claimedBy, ServeProcess process) =>
        claimedBy?.Split('/') is [_, var pid, ..] && pid == process.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>POSTs an interaction signed as Discord would sign it to a replica's interactions endpoint.</summary>
    private Task<HttpResponseMessage> PostInteractionAsync(ServeProcess replica, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/discord/interactions") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("X-Signature-Ed25519", _signer.Sign(timestamp, body));
        request.Headers.TryAddWithoutValidation("X-Signature-Timestamp", timestamp);
        return replica.Http.SendAsync(request);
    }

    private NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster.Server.ConnectionString(_database)) { Password = cluster.Server.Password }.ConnectionString);
        connection.Open();
        return connection;
    }

    private long Scalar(string sql)
    {
        using var connection = Open();
        using var cmd = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private string? Text(string sql)
    {
        using var connection = Open();
        using var cmd = new NpgsqlCommand(sql, connection);
        return cmd.ExecuteScalar() as string;
    }
}
