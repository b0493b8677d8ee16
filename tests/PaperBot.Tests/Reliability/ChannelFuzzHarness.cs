using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaperBot.Tests.Discord;
using PaperBot.Tests.Teams;

namespace PaperBot.Tests.Reliability;

/// <summary>
/// Fuzzes the real channel endpoints of one real server: Discord interaction bodies signed with the configured key, and
/// Teams activities carrying valid Bot Connector tokens, each derived from a valid template by seeded random mutations
/// (wrong types, nulls, huge and control-character strings, deep nesting, missing fields, truncation, raw bytes).
/// Used by <c>ChannelFuzzTests</c> (fixed seed, bounded) and by the benchmark command (longer runs).
/// </summary>
public sealed class ChannelFuzzHarness : IAsyncDisposable
{
    public const string TeamsAppId = "5f1a1c4e-0b6e-4a8e-9d3b-3c2d9e7a1b01";
    private const string BotId = "28:" + TeamsAppId;

    private readonly TestSigningKey teamsKey = new("fuzz-key", "msteams");
    private FakeDiscordServer discord = null!;
    private FakeBotConnector connector = null!;

    public PaperBotTestServer Server { get; private set; } = null!;
    public CapturingLoggerProvider Log { get; } = new();
    public string DatabasePath { get; private set; } = "";

    public static async Task<ChannelFuzzHarness> StartAsync()
    {
        var harness = new ChannelFuzzHarness();
        harness.discord = await FakeDiscordServer.StartAsync();
        harness.connector = await FakeBotConnector.StartAsync();
        harness.connector.PublishedKeys.Add(harness.teamsKey);
        var directory = Directory.CreateTempSubdirectory("paperbot-fuzz-").FullName;
        harness.DatabasePath = Path.Combine(directory, "paperbot.db");
        harness.Server = await PaperBotTestServer.StartAsync(harness.discord, new Dictionary<string, string?>
        {
            ["PaperBot:Database"] = harness.DatabasePath,
            ["Discord:UserQuestionLimit"] = "1000",
            ["Teams:AppId"] = TeamsAppId,
            ["Teams:AppPassword"] = "fuzz-secret",
            ["Teams:TenantId"] = FakeBotConnector.TenantId,
            ["Teams:OpenIdMetadataUrl"] = harness.connector.OpenIdMetadataUrl,
            ["Teams:TokenEndpoint"] = harness.connector.TokenEndpoint,
            ["Teams:AllowedServiceUrls:0"] = harness.connector.BaseUrl,
            ["Teams:RetryBaseDelay"] = "00:00:00.010",
            ["Teams:MaxRetryAttempts"] = "1",
            ["Logging:LogLevel:Default"] = "Warning",
        }, services: s => s.AddLogging(l => l.AddProvider(harness.Log)));
        return harness;
    }

    /// <summary>Runs <paramref name="cases"/> Discord and as many Teams cases; every answer is recorded.</summary>
    public async Task<FuzzReport> RunAsync(int seed, int cases, TimeSpan? budget = null)
    {
        var random = new Random(seed);
        var report = new FuzzReport();
        var deadline = DateTime.UtcNow + (budget ?? TimeSpan.FromDays(1));
        for (var i = 0; i < cases && DateTime.UtcNow < deadline; i++)
        {
            var (discordCase, discordBody) = DiscordCase(random, i);
            report.Add("discord", discordCase, await PostDiscordAsync(discordBody));
            var (teamsCase, teamsBody, serviceUrl) = TeamsCase(random, i);
            report.Add("teams", teamsCase, await PostTeamsAsync(teamsBody, serviceUrl));
        }
        return report;
    }

    /// <summary>The invariant after a run: the server answers health checks, a normal /ask and a normal Teams message.</summary>
    public async Task<string?> StillServingAsync()
    {
        using (var health = await Server.Http.GetAsync("/healthz"))
        {
            if (health.StatusCode != HttpStatusCode.OK)
            {
                return "/healthz answered " + (int)health.StatusCode;
            }
        }
        var token = "fuzz-after-" + Guid.NewGuid().ToString("N");
        using (var ask = await Server.PostInteractionAsync(PaperBotTestServer.Command("ask", "question", "what is speculative decoding?", token: token, userId: "8800")))
        {
            if (ask.StatusCode != HttpStatusCode.OK)
            {
                return "a normal /ask answered " + (int)ask.StatusCode;
            }
        }
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (discord.RequestsTo($"webhooks/{FakeDiscordServer.ApplicationId}/{token}/messages/@original", "PATCH").Count == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                return "a normal /ask was never answered";
            }
            await Task.Delay(50);
        }
        var conversation = "a:fuzz-after-" + Guid.NewGuid().ToString("N");
        var message = Message(conversation, "help");
        using (var response = await PostTeamsAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), connector.ServiceUrl))
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return "a normal Teams message answered " + (int)response.StatusCode;
            }
        }
        try
        {
            await connector.WaitForAsync(r => r.ConversationId == conversation && r.ActivityType == "message", timeout: TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            return "a normal Teams message was never answered";
        }
        return null;
    }

    public string IntegrityCheck()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA integrity_check;";
        return (string)cmd.ExecuteScalar()!;
    }

    /// <summary>Log entries carrying an exception: a stack trace in the log means an input reached code unprepared for it.</summary>
    public IReadOnlyList<string> StackTraces => Log.Lines.Where(l => l.Contains("\n   at ", StringComparison.Ordinal)).ToList();

    private async Task<HttpResponseMessage> PostDiscordAsync(byte[] body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await Server.PostRawAsync(body, Server.Signer.Sign(timestamp, body), timestamp);
    }

    private async Task<HttpResponseMessage> PostTeamsAsync(byte[] body, string serviceUrl)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Jwt.SignRs256(teamsKey, Jwt.Claims(TeamsAppId, serviceUrl, DateTimeOffset.UtcNow)));
        return await Server.Http.SendAsync(request);
    }

    private static readonly string[] Commands = ["ask", "search", "paper", "similar", "help", "digest", "nosuchcommand"];
    private static readonly int[] InteractionTypes = [1, 3, 4, 5, 99, -1];
    private static readonly string[] ActivityTypes = ["message", "message", "message", "conversationUpdate", "installationUpdate", "invoke", "messageReaction", "event", "typing", "somethingNew"];
    private static readonly string[] Texts = ["help", "ask what is speculative decoding?", "search [x](https://evil.example/p)", "paper 0000", "digest status", ""];

    private static (string Case, byte[] Body) DiscordCase(Random random, int i)
    {
        var command = Commands[random.Next(Commands.Length)];
        var option = command switch { "ask" => "question", "search" => "query", "paper" or "similar" => "id", _ => null };
        var template = JsonNode.Parse(PaperBotTestServer.Command(command, option, option is null ? null : "speculative decoding", token: $"fuzz-{i}", userId: $"88{i % 50:D2}"))!;
        if (command == "digest")
        {
            template["data"]!["options"] = JsonNode.Parse("""[{"name":"subscribe","type":1,"options":[{"name":"cron","type":3,"value":"0 9 * * *"},{"name":"max_items","type":4,"value":5}]}]""");
            template["member"]!["permissions"] = "8";
        }
        var kind = random.Next(10);
        if (kind == 0)
        {
            template["type"] = InteractionTypes[random.Next(InteractionTypes.Length)];
        }
        var mutations = Mutate(random, template, 1 + random.Next(4));
        var text = template.ToJsonString();
        var body = Encoding.UTF8.GetBytes(text);
        if (random.Next(12) == 0)
        {
            body = body[..random.Next(body.Length)];
            mutations += " truncated";
        }
        else if (random.Next(20) == 0)
        {
            body = RandomBytes(random, 1 + random.Next(300));
            mutations = "random bytes";
        }
        return ($"/{command} {mutations}", body);
    }

    private (string Case, byte[] Body, string ServiceUrl) TeamsCase(Random random, int i)
    {
        var conversation = random.Next(3) switch { 0 => $"a:fuzz-{i}", 1 => $"19:fuzz{i}@thread.tacv2;messageid=1", _ => $"19:fuzz{i}@thread.v2" };
        var type = ActivityTypes[random.Next(ActivityTypes.Length)];
        var activity = Message(conversation, Texts[random.Next(Texts.Length)], mentionBot: random.Next(2) == 0);
        activity["type"] = type;
        if (type == "conversationUpdate")
        {
            activity["membersAdded"] = new JsonArray { new JsonObject { ["id"] = random.Next(2) == 0 ? BotId : "29:someone" } };
        }
        var mutations = Mutate(random, activity, random.Next(5));
        var serviceUrl = activity["serviceUrl"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : connector.ServiceUrl;
        var body = Encoding.UTF8.GetBytes(activity.ToJsonString());
        if (random.Next(15) == 0)
        {
            body = body[..random.Next(body.Length)];
            mutations += " truncated";
        }
        return ($"{type} {mutations}", body, serviceUrl);
    }

    private JsonObject Message(string conversation, string text, bool mentionBot = false)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = "fuzz" + Guid.NewGuid().ToString("N")[..12],
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["serviceUrl"] = connector.ServiceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = "29:fuzz-user", ["name"] = "Fuzz", ["aadObjectId"] = "aad-fuzz" },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "PaperBot" },
            ["conversation"] = new JsonObject { ["id"] = conversation, ["conversationType"] = conversation.StartsWith("a:", StringComparison.Ordinal) ? "personal" : "channel", ["tenantId"] = FakeBotConnector.TenantId },
            ["text"] = mentionBot ? "<at>PaperBot</at> " + text : text,
            ["textFormat"] = "plain",
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = FakeBotConnector.TenantId } },
        };
        if (mentionBot)
        {
            activity["entities"] = new JsonArray { new JsonObject { ["type"] = "mention", ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = "PaperBot" }, ["text"] = "<at>PaperBot</at>" } };
        }
        return activity;
    }

    /// <summary>Applies <paramref name="count"/> random changes anywhere in the tree; returns a description of them.</summary>
    private static string Mutate(Random random, JsonNode root, int count)
    {
        var done = new List<string>();
        for (var n = 0; n < count; n++)
        {
            var nodes = new List<(JsonNode Parent, string? Key, int Index)>();
            Collect(root, nodes);
            if (nodes.Count == 0)
            {
                break;
            }
            var (parent, key, index) = nodes[random.Next(nodes.Count)];
            var value = RandomValue(random, 0);
            var what = random.Next(6);
            if (parent is JsonObject obj && key is not null)
            {
                if (what == 0)
                {
                    obj.Remove(key);
                    done.Add($"-{key}");
                }
                else
                {
                    obj[key] = value;
                    done.Add($"{key}={Describe(value)}");
                }
            }
            else if (parent is JsonArray array)
            {
                if (what == 0 && index < array.Count)
                {
                    array.RemoveAt(index);
                    done.Add("-[i]");
                }
                else if (what == 1)
                {
                    array.Add(value);
                    done.Add($"+[{Describe(value)}]");
                }
                else if (index < array.Count)
                {
                    array[index] = value;
                    done.Add($"[i]={Describe(value)}");
                }
            }
        }
        return string.Join(" ", done);
    }

    private static void Collect(JsonNode node, List<(JsonNode, string?, int)> into)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    into.Add((obj, key, 0));
                    if (child is not null)
                    {
                        Collect(child, into);
                    }
                }
                break;
            case JsonArray array:
                into.Add((array, null, array.Count));
                for (var i = 0; i < array.Count; i++)
                {
                    into.Add((array, null, i));
                    if (array[i] is { } child)
                    {
                        Collect(child, into);
                    }
                }
                break;
        }
    }

    private static JsonNode? RandomValue(Random random, int depth) => random.Next(depth > 3 ? 9 : 13) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(3) switch { 0 => 0L, 1 => -1L, _ => long.MaxValue }),
        2 => JsonValue.Create(1e308 * (random.Next(2) == 0 ? 1 : -1)),
        3 => JsonValue.Create(random.Next(2) == 0),
        4 => JsonValue.Create(""),
        5 => JsonValue.Create(new string('x', random.Next(2) == 0 ? 7000 : 70_000)),
        6 => JsonValue.Create(ControlString(random)),
        7 => JsonValue.Create("[x](https://evil.example/p) @everyone <@1> **b** \u202e\u0000"),
        8 => JsonValue.Create("ask"),
        9 => new JsonArray(),
        10 => new JsonArray(null, RandomValue(random, depth + 1)),
        11 => new JsonObject { ["id"] = RandomValue(random, depth + 1), ["name"] = RandomValue(random, depth + 1), ["type"] = RandomValue(random, depth + 1) },
        _ => Deep(random.Next(2) == 0 ? 40 : 200),
    };

    private static JsonNode Deep(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < depth; i++)
        {
            node = new JsonArray(node);
        }
        return node;
    }

    private static string ControlString(Random random)
    {
        var chars = new char[1 + random.Next(40)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = random.Next(4) == 0 ? (char)random.Next(0, 32) : random.Next(6) == 0 ? (char)random.Next(0xD800, 0xDFFF) : (char)random.Next(32, 0x2FFF);
        }
        return new string(chars);
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Describe(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length > 12 ? $"str({s.Length})" : "\"" + s + "\"",
        JsonArray a => $"array({a.Count})",
        JsonObject => "object",
        _ => value.ToJsonString(),
    };

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await connector.DisposeAsync();
        await discord.DisposeAsync();
        teamsKey.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path.GetDirectoryName(DatabasePath)!, recursive: true);
        }
        catch (IOException)
        {
            // a pooled handle; the temp folder is harmless
        }
    }
}
