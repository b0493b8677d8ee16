using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PaperBot.Host.Channels.Discord.Commands;
using PaperBot.Tests.Discord;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Reliability;

/// <summary>
/// A real <c>paperbot serve</c> process killed with SIGKILL in the middle of a burst of deferred /ask: after the restart
/// every acknowledged question is answered (or its user told it cannot be), and the database is intact.
/// </summary>
public sealed class ServeCrashTests : IAsyncLifetime
{
    private const int Burst = 30;
    private readonly TempDatabase db = new();
    private readonly TestSigner signer = new();
    private FakeDiscordServer discord = null!;

    public async Task InitializeAsync() => discord = await FakeDiscordServer.StartAsync();

    public async Task DisposeAsync()
    {
        await discord.DisposeAsync();
        db.Dispose();
    }

    private static string OriginalPath(string token) => $"webhooks/{FakeDiscordServer.ApplicationId}/{token}/messages/@original";

    /// <summary>Serve as a separate process, talking to the fake Discord.</summary>
    private Task<ServeProcess> StartServeAsync() => ServeProcess.StartAsync(db.Folder, db.Path, new Dictionary<string, string>
    {
        ["PaperBot__Corpus"] = RepositoryPaths.Corpus,
        ["Discord__ApplicationId"] = FakeDiscordServer.ApplicationId,
        ["Discord__PublicKey"] = signer.PublicKeyHex,
        ["Discord__BotToken"] = FakeDiscordServer.BotToken,
        ["Discord__ApiBaseUrl"] = discord.ApiBaseUrl,
        ["Discord__Workers"] = "2",
        ["Discord__UserQuestionLimit"] = "1000",
    });

    private async Task<HttpResponseMessage> PostSignedAsync(HttpClient http, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/discord/interactions") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("X-Signature-Ed25519", signer.Sign(timestamp, body));
        request.Headers.TryAddWithoutValidation("X-Signature-Timestamp", timestamp);
        return await http.SendAsync(request);
    }

    private string IntegrityCheck()
    {
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection($"Data Source={db.Path}");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA integrity_check;";
        return (string)cmd.ExecuteScalar()!;
    }

    [Fact]
    public async Task Every_question_acknowledged_before_a_kill_9_is_answered_after_the_restart()
    {
        // Discord answers slowly, so most answers are still owed when the process dies.
        discord.ResponseDelay = TimeSpan.FromSeconds(1);
        var first = await StartServeAsync();
        var acknowledged = new List<string>();
        try
        {
            var http = first.Http;
            using (var health = await http.GetAsync("/healthz"))
            {
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            }
            var questions = new[] { "speculative decoding", "continual relation extraction", "preference optimization", "retrieval augmented generation", "instruction tuning" };
            var posts = Enumerable.Range(0, Burst).Select(async i =>
            {
                var token = $"crash-{i:D3}";
                using var response = await PostSignedAsync(http, PaperBotTestServer.Command("ask", "question", "which papers are about " + questions[i % questions.Length] + "?", token: token, userId: $"79{i:D3}"));
                var type = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetInt32();
                return (token, type);
            }).ToList();
            foreach (var (token, type) in await Task.WhenAll(posts))
            {
                if (type == 5)
                {
                    acknowledged.Add(token);
                }
            }
        }
        finally
        {
            await first.KillAsync(); // SIGKILL: no shutdown, no flush
            await first.DisposeAsync();
        }
        Assert.Equal(Burst, acknowledged.Count);
        var answeredBeforeKill = acknowledged.Count(t => discord.RequestsTo(OriginalPath(t), "PATCH").Count > 0);
        Assert.True(answeredBeforeKill < Burst, "the kill came before every answer was delivered");
        Assert.Equal("ok", IntegrityCheck());

        discord.ResponseDelay = TimeSpan.Zero;
        var second = await StartServeAsync();
        try
        {
            await Eventually.TrueAsync(() => acknowledged.All(t => discord.RequestsTo(OriginalPath(t), "PATCH").Count > 0),
                "every acknowledged question answered after the restart", timeout: TimeSpan.FromSeconds(180));
            foreach (var token in acknowledged)
            {
                // Answers are embeds (the text in the description); notices are plain content.
                var message = discord.RequestsTo(OriginalPath(token), "PATCH")[^1].Json;
                var content = message.TryGetProperty("content", out var text) && text.ValueKind == System.Text.Json.JsonValueKind.String
                    ? text.GetString()!
                    : message.GetProperty("embeds")[0].GetProperty("description").GetString()!;
                Assert.True(content.Contains("[1]", StringComparison.Ordinal) || content.Contains(DiscordInteractionWorker.RestartedNotice[..20], StringComparison.Ordinal), content);
            }
            await Eventually.TrueAsync(() => PendingWork() == 0, "the journal emptied", timeout: TimeSpan.FromSeconds(30));
        }
        finally
        {
            await second.DisposeAsync();
        }
        Assert.Equal("ok", IntegrityCheck());
    }

    private long PendingWork()
    {
        using var connection = new SqliteConnection($"Data Source={db.Path};Pooling=False");
        connection.Open();
        using var pending = connection.CreateCommand();
        pending.CommandText = "SELECT count(*) FROM accepted_work WHERE payload IS NOT NULL;";
        return (long)pending.ExecuteScalar()!;
    }
}
