using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PaperBot.Host.Channels.Discord.Commands;
using PaperBot.Host.Channels.Teams;
using PaperBot.Tests.Discord;
using PaperBot.Tests.Teams;

namespace PaperBot.Tests.Storage;

/// <summary>
/// PostgreSQL crashes and comes back while Discord interactions and Teams messages keep arriving at two replicas that
/// share it: every one a replica acknowledged as queued is answered, once; every one it could not journal is told so at
/// once (Discord in the interaction's reply, Teams with an apology in the conversation); none gets an error.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRestartBurstTests(PostgresClusterFixture cluster, Xunit.Abstractions.ITestOutputHelper output)
{
    private sealed record Sent(string Channel, string Key, int Replica, int Status, int Type, string Text, bool WhileDown);

    [PostgresFact]
    public async Task Nothing_either_replica_acknowledged_during_a_postgres_restart_is_lost_and_nothing_unjournaled_is_acknowledged()
    {
        var database = cluster.Server.CreateDatabase();
        await using var discord = await FakeDiscordServer.StartAsync();
        await using var connector = await FakeBotConnector.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = cluster.Server.ConnectionString(database),
            ["Storage:PasswordVariable"] = PostgresServer.PasswordVariable,
            // Holds are renewed every 2 s. The outage below outlasts the lease, so every hold has run out by the time
            // PostgreSQL is back: each replica must renew its own before the other may take anything over.
            ["Storage:WorkLeaseSeconds"] = "6",
            // Teams in local development mode (no Teams:AppId): unauthenticated activities from this machine.
            ["Teams:AllowedServiceUrls:0"] = connector.BaseUrl,
            ["Teams:RetryBaseDelay"] = "00:00:00.020",
            ["Teams:MaxRetryDelay"] = "00:00:02",
            // A takeover is logged at Information: shown beside a failure, it tells a duplicate's cause.
            ["Logging:LogLevel:PaperBot.Host.Channels.Teams.TeamsTurnWorker"] = "Information",
            ["Logging:LogLevel:PaperBot.Host.Channels.Discord.Commands.DiscordInteractionWorker"] = "Information",
        };
        var signer = new TestSigner();
        await using var a = await PaperBotTestServer.StartAsync(discord, settings, signer);
        await using var b = await PaperBotTestServer.StartAsync(discord, settings, signer);
        var replicas = new[] { a, b };
        var sent = new ConcurrentQueue<Sent>();
        var down = false;
        var count = 0;
        using var stop = new CancellationTokenSource();

        async Task DiscordBurstAsync(int replica)
        {
            while (!stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref count);
                var token = $"tok-burst-{n}";
                var wasDown = Volatile.Read(ref down);
                // A different user each time: the per-user question limit is not what this test is about.
                using var response = await replicas[replica].PostInteractionAsync(PaperBotTestServer.Command("ask", "question",
                    "which papers are about speculative decoding?", userId: (710000000000000000L + n).ToString(CultureInfo.InvariantCulture), token: token));
                var body = await response.Content.ReadAsStringAsync();
                var json = response.IsSuccessStatusCode ? JsonDocument.Parse(body).RootElement : default;
                sent.Enqueue(new Sent("discord", token, replica, (int)response.StatusCode, response.IsSuccessStatusCode ? json.GetProperty("type").GetInt32() : 0,
                    response.IsSuccessStatusCode && json.TryGetProperty("data", out var data) ? DiscordMessageText.Of(data) : body, wasDown));
                await Task.Delay(100);
            }
        }

        async Task TeamsBurstAsync(int replica)
        {
            while (!stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref count);
                // A conversation of its own per message, so each message's replies are told apart.
                var conversation = $"a:1burst{n}-{Guid.NewGuid():N}";
                var wasDown = Volatile.Read(ref down);
                using var content = new StringContent(TeamsMessage(connector, conversation, n, "which papers are about speculative decoding?").ToJsonString(), Encoding.UTF8, "application/json");
                using var response = await replicas[replica].Http.PostAsync("/api/messages", content);
                sent.Enqueue(new Sent("teams", conversation, replica, (int)response.StatusCode, 0, await response.Content.ReadAsStringAsync(), wasDown));
                await Task.Delay(100);
            }
        }

        var bursts = new[] { Task.Run(() => DiscordBurstAsync(0)), Task.Run(() => DiscordBurstAsync(1)), Task.Run(() => TeamsBurstAsync(0)), Task.Run(() => TeamsBurstAsync(1)) };
        await Eventually.TrueAsync(() => sent.Count >= 20, "messages before the crash", TimeSpan.FromSeconds(60));
        Volatile.Write(ref down, true);
        var crashedAt = DateTimeOffset.UtcNow;
        cluster.Server.Crash();
        var atCrash = sent.Count;
        await Eventually.TrueAsync(() => sent.Count >= atCrash + 20 && DateTimeOffset.UtcNow - crashedAt > TimeSpan.FromSeconds(7),
            "messages while PostgreSQL is down, for longer than the lease", TimeSpan.FromSeconds(60));
        cluster.Server.Start();
        var backAt = DateTimeOffset.UtcNow;
        Volatile.Write(ref down, false);
        var atStart = sent.Count;
        // Queued again after the restart on both channels (Teams: once an answer, not the apology, comes back).
        await Eventually.TrueAsync(() => sent.Skip(atStart).Count(s => s.Channel == "discord" && s.Type == 5) >= 6
            && CountAnswered(sent.Skip(atStart).Where(s => s.Channel == "teams"), TeamsReplies(connector)) >= 4,
            () => "messages queued again after the restart: " + Describe(sent), TimeSpan.FromSeconds(90));
        await stop.CancelAsync();
        await Task.WhenAll(bursts);

        var all = sent.ToList();
        Assert.All(all.Where(s => s.Channel == "discord"), s => Assert.Equal(200, s.Status));
        // Teams: acknowledged (the connector does not retry), answered or apologised for in the conversation.
        Assert.All(all.Where(s => s.Channel == "teams"), s => Assert.True(s.Status is >= 200 and < 300, $"{s.Status} {s.Text}"));

        // Discord, not queued: told so at once, in the reply to the interaction itself.
        var refused = all.Where(s => s.Channel == "discord" && s.Type != 5).ToList();
        Assert.All(refused, s => Assert.Equal((4, DiscordInteractionHandler.JournalUnavailable), (s.Type, s.Text.Trim())));
        Assert.Contains(refused, s => s.WhileDown);
        // Discord, queued: every one answered.
        var queued = all.Where(s => s.Channel == "discord" && s.Type == 5).ToList();
        foreach (var s in queued)
        {
            var original = $"webhooks/{FakeDiscordServer.ApplicationId}/{s.Key}/messages/@original";
            await Eventually.TrueAsync(() => discord.RequestsTo(original, "PATCH").Any(r => r.Status == 200), $"an answer to {s.Key}", TimeSpan.FromSeconds(90));
        }
        Assert.True(queued.Count >= 12, Describe(sent));

        // Teams: every message gets exactly one reply in its conversation, an answer or the apology for not queuing it.
        var teams = all.Where(s => s.Channel == "teams").ToList();
        await Eventually.TrueAsync(() => teams.All(s => TeamsReplies(connector).ContainsKey(s.Key)),
            () => "a reply in every Teams conversation; none in " + string.Join(", ", teams.Where(s => !TeamsReplies(connector).ContainsKey(s.Key)).Select(s => s.Key)),
            TimeSpan.FromSeconds(90));
        var replies = TeamsReplies(connector);
        var apologised = teams.Where(s => replies[s.Key] is [var only] && only == TeamsAdapter.JournalUnavailable).ToList();
        Assert.Contains(apologised, s => s.WhileDown);
        Assert.True(CountAnswered(teams, replies) >= 8, Describe(sent));

        // Work finished while PostgreSQL was down is recorded once it is back (at the next renewal of each replica's holds).
        await Eventually.TrueAsync(() => Unfinished(database) == 0, "every answered message recorded as finished", TimeSpan.FromSeconds(30));
        // Nothing answered twice, and nothing both apologised for and answered (it was never queued).
        replies = TeamsReplies(connector);
        Assert.All(teams, s => Assert.True(replies[s.Key].Count == 1, $"{s.Key} ({s}), crash at {crashedAt:HH:mm:ss.fff}, back at {backAt:HH:mm:ss.fff}: " +
            string.Join(" | ", connector.ConnectorCalls(s.Key).Select(r => $"{r.At:HH:mm:ss.fff} {r.ActivityType} {r.Node?["text"] ?? r.Node?["summary"]}"))));
        Assert.All(queued, s => Assert.Single(discord.RequestsTo($"webhooks/{FakeDiscordServer.ApplicationId}/{s.Key}/messages/@original", "PATCH")));
        output.WriteLine("(channel, status, type, sent while down): " + Describe(sent) + $"; Teams: {apologised.Count} not queued (apology), " +
            $"{teams.Count(s => replies[s.Key].Contains(TeamsAdapter.Apology))} failed turns (apology), {CountAnswered(teams, replies)} replied to");
    }

    /// <summary>By conversation, the texts of the message activities PaperBot sent into it (not typing indicators).</summary>
    private static Dictionary<string, List<string>> TeamsReplies(FakeBotConnector connector) =>
        connector.Requests.Where(r => r.IsConnectorCall && r.ActivityType == "message" && r.ConversationId is not null)
            .GroupBy(r => r.ConversationId!)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Node?["text"]?.GetValue<string>() ?? r.Node?["summary"]?.GetValue<string>() ?? r.Body).ToList());

    /// <summary>Teams messages answered: a reply came, and it is not the apology for a message that was not queued.</summary>
    private static int CountAnswered(IEnumerable<Sent> teams, Dictionary<string, List<string>> replies) =>
        teams.Count(s => replies.TryGetValue(s.Key, out var texts) && texts.All(t => t != TeamsAdapter.JournalUnavailable));

    /// <summary>A Teams message activity as the Bot Connector sends it, from a user of its own.</summary>
    private static JsonObject TeamsMessage(FakeBotConnector connector, string conversation, int n, string text) => new()
    {
        ["type"] = "message",
        ["id"] = "1700000000" + n.ToString(CultureInfo.InvariantCulture),
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["serviceUrl"] = connector.ServiceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = $"29:user-{n}", ["name"] = "Ada Lovelace", ["aadObjectId"] = $"aad-user-{n}" },
        ["recipient"] = new JsonObject { ["id"] = TeamsServerFixture.BotId, ["name"] = TeamsServerFixture.BotName },
        ["conversation"] = new JsonObject { ["id"] = conversation, ["conversationType"] = "personal", ["tenantId"] = FakeBotConnector.TenantId },
        ["text"] = text,
        ["textFormat"] = "plain",
        ["locale"] = "en-GB",
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = FakeBotConnector.TenantId } },
    };

    private long Unfinished(string database)
    {
        using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(cluster.Server.ConnectionString(database)) { Password = cluster.Server.Password }.ConnectionString);
        connection.Open();
        using var cmd = new Npgsql.NpgsqlCommand("SELECT count(*) FROM accepted_work WHERE payload IS NOT NULL", connection);
        return (long)cmd.ExecuteScalar()!;
    }

    private static string Describe(IEnumerable<Sent> sent) =>
        string.Join(", ", sent.GroupBy(s => (s.Channel, s.Status, s.Type, s.WhileDown)).Select(g => $"{g.Count()} x {g.Key}"));
}
