using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using PaperBot.Tests.Support;
using PaperBot.Tests.Teams;

namespace PaperBot.Tests.Reliability;

/// <summary>
/// Teams' side of <see cref="ServeCrashTests"/>: a real <c>paperbot serve</c> process (Teams in local development
/// mode, no app id) killed with SIGKILL while its replies are still owed. After the restart every accepted message is
/// answered in its conversation, exactly once, and the journal empties.
/// </summary>
public sealed class TeamsServeCrashTests : IAsyncLifetime
{
    private const int Burst = 12;
    private readonly TempDatabase db = new();
    private FakeBotConnector connector = null!;

    public async Task InitializeAsync() => connector = await FakeBotConnector.StartAsync();

    public async Task DisposeAsync()
    {
        await connector.DisposeAsync();
        db.Dispose();
    }

    private Task<ServeProcess> StartServeAsync() => ServeProcess.StartAsync(db.Folder, db.Path, new Dictionary<string, string>
    {
        ["PaperBot__Corpus"] = RepositoryPaths.Corpus,
        ["Teams__AllowedServiceUrls__0"] = connector.BaseUrl,
        ["Teams__RetryBaseDelay"] = "00:00:00.020",
        ["Teams__MaxRetryDelay"] = "00:00:02",
    });

    /// <summary>The bot's messages (not typing indicators) in reply to <paramref name="activityId"/>.</summary>
    private List<RecordedRequest> Replies(string conversation, string activityId) => connector.Requests
        .Where(r => r.ConversationId == conversation && r.ReplyToId == activityId && r.Status == 200
            && r.Json.TryGetProperty("type", out var type) && type.GetString() == "message")
        .ToList();

    [Fact]
    public async Task Every_message_accepted_before_a_kill_9_is_answered_once_after_the_restart()
    {
        // The connector holds every send a second, so most replies are still owed when the process dies.
        connector.SendDelay = TimeSpan.FromSeconds(1);
        var topics = new[] { "speculative decoding", "continual relation extraction", "preference optimization", "instruction tuning" };
        var accepted = new List<(string Conversation, string Id)>();
        var first = await StartServeAsync();
        try
        {
            var posts = Enumerable.Range(0, Burst).Select(async i =>
            {
                var conversation = TeamsServerFixture.NewConversationId();
                var activity = TeamsServerFixture.MessageActivity(connector.ServiceUrl, conversation, "which papers are about " + topics[i % topics.Length] + "?");
                using var content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json");
                using var response = await first.Http.PostAsync("/api/messages", content);
                return (response.StatusCode, conversation, activity["id"]!.GetValue<string>());
            }).ToList();
            foreach (var (status, conversation, id) in await Task.WhenAll(posts))
            {
                Assert.Equal(HttpStatusCode.OK, status);
                accepted.Add((conversation, id));
            }
        }
        finally
        {
            await first.KillAsync(); // SIGKILL: no shutdown, no flush
            await first.DisposeAsync();
        }
        var killedAt = DateTimeOffset.UtcNow;
        var answeredBeforeKill = accepted.Where(a => Replies(a.Conversation, a.Id).Count > 0).ToList();
        Assert.True(answeredBeforeKill.Count < Burst, "the kill came before every reply was delivered");
        Assert.Equal("ok", IntegrityCheck());
        Assert.True(PendingWork() > 0, "unanswered messages are in the journal");

        connector.SendDelay = TimeSpan.Zero;
        await using var second = await StartServeAsync();
        await Eventually.TrueAsync(() => accepted.All(a => Replies(a.Conversation, a.Id).Count > 0),
            "every accepted message answered after the restart", timeout: TimeSpan.FromSeconds(180));
        await Eventually.TrueAsync(() => PendingWork() == 0, "the journal emptied", timeout: TimeSpan.FromSeconds(30));
        foreach (var (conversation, id) in accepted)
        {
            var replies = Replies(conversation, id);
            // An answer, or for a message too old to answer the notice that says so (not expected at these ages).
            Assert.All(replies, r => Assert.True(r.Body.Contains("[1]", StringComparison.Ordinal) || r.Body.Contains("restarted", StringComparison.Ordinal), r.Body));
            // Delivered before the kill and recorded as finished, a message is not resumed. Only a reply that reached
            // the connector in the instant before the kill, before the process could record it, may be sent again:
            // at least once is the promise, so that is the one case allowed a second reply.
            var lastMoment = replies.Count > 0 && replies[0].At > killedAt - TimeSpan.FromMilliseconds(500);
            Assert.True(replies.Count == 1 || (replies.Count == 2 && lastMoment), $"{replies.Count} replies to {id}");
        }
    }

    private string IntegrityCheck()
    {
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection($"Data Source={db.Path};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA integrity_check;";
        return (string)cmd.ExecuteScalar()!;
    }

    private long PendingWork()
    {
        using var connection = new SqliteConnection($"Data Source={db.Path};Pooling=False");
        connection.Open();
        using var pending = connection.CreateCommand();
        pending.CommandText = "SELECT count(*) FROM accepted_work WHERE channel = 'teams' AND payload IS NOT NULL;";
        return (long)pending.ExecuteScalar()!;
    }
}
