using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PaperBot.Core.Digest;
using PaperBot.Tests.Support;
using static PaperBot.Tests.Digest.FakeDiscordWebhookServer;

namespace PaperBot.Tests.Digest;

/// <summary>The real <c>paperbot digest</c> verbs as separate processes, including one killed mid-POST.</summary>
public sealed class DigestCliEndToEndTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();
    private FakeDiscordWebhookServer _discord = null!;

    public async Task InitializeAsync() => _discord = await FakeDiscordWebhookServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _discord.DisposeAsync();
        _db.Dispose();
    }

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Digest__AllowedWebhookHosts__0"] = "127.0.0.1",
        ["Digest__ClaimLeaseSeconds"] = "1",
        ["Digest__HttpRetryDelayMilliseconds"] = "10",
    };

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) =>
        PaperBotProcess.RunAsync(_db.Folder, Settings, [.. args, "--db", _db.Path]);

    /// <summary>
    /// As if the subscription had been made two days ago and the papers had arrived yesterday, so the latest due
    /// minute has papers before it (a real clock cannot be moved for a child process).
    /// </summary>
    private void MadeEarlier(string id)
    {
        using var connection = _db.Factory.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            UPDATE digest_subscriptions SET anchor_at = $t, created_at = $t, covered_until = $t WHERE id = $id;
            UPDATE papers SET first_seen = $y;
            """;
        cmd.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.AddDays(-2).ToString("O"));
        cmd.Parameters.AddWithValue("$y", DateTimeOffset.UtcNow.AddDays(-1).ToString("O"));
        cmd.Parameters.AddWithValue("$id", id);
        cmd.ExecuteNonQuery();
        SqliteConnection.ClearAllPools();
    }

    private async Task<string> SubscribeAsync()
    {
        var (code, stdout, stderr) = await RunAsync("digest", "subscribe", "--discord-webhook", _discord.WebhookUrl(), "--cron", "* * * * *", "--keywords", "decoding", "--json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var id = json.RootElement.GetProperty("id").GetString()!;
        Assert.Equal("discord-webhook 127.0.0.1:" + new Uri(_discord.BaseUrl).Port + "/api/webhooks/123456/…", json.RootElement.GetProperty("target").GetString());
        MadeEarlier(id);
        return id;
    }

    private async Task IngestPapersAsync()
    {
        var file = _db.WriteFile("new.txt", TestPaper.About("speculative decoding", 12).ToListing() + TestPaper.About("graph coloring").ToListing());
        Assert.Equal(0, (await RunAsync("ingest", file)).ExitCode);
    }

    [Fact]
    public async Task Subscribe_send_now_list_and_unsubscribe_from_the_command_line()
    {
        await IngestPapersAsync();
        var id = await SubscribeAsync();

        var preview = await RunAsync("digest", "preview", "--subscription", id, "--json");
        Assert.Equal(0, preview.ExitCode);
        using (var json = JsonDocument.Parse(preview.Stdout))
        {
            Assert.Equal(1, json.RootElement[0].GetProperty("items").GetArrayLength()); // only the paper matching "decoding"
        }
        Assert.Empty(_discord.Requests);

        var sent = await RunAsync("digest", "send-now", "--json");
        Assert.True(sent.ExitCode == 0, sent.Stderr + sent.Stdout);
        using (var json = JsonDocument.Parse(sent.Stdout))
        {
            Assert.Equal("sent", json.RootElement[0].GetProperty("outcome").GetString());
        }
        Assert.Single(_discord.Posted);

        // Sending this subscription's digest by hand right after: nothing new since, so nothing is posted, and it says so.
        var again = await RunAsync("digest", "send-now", "--subscription", id);
        Assert.Equal(0, again.ExitCode);
        Assert.Single(_discord.Posted);
        Assert.Contains("nothing new since", again.Stdout, StringComparison.Ordinal);

        var list = await RunAsync("digest", "list", "--json");
        using (var json = JsonDocument.Parse(list.Stdout))
        {
            var only = json.RootElement[0];
            Assert.Equal(id, only.GetProperty("id").GetString());
            Assert.Equal("empty", only.GetProperty("last_digest").GetProperty("state").GetString()); // the hand-sent one, with nothing new
            Assert.DoesNotContain("secret-token", list.Stdout, StringComparison.Ordinal);
        }

        Assert.Equal(0, (await RunAsync("digest", "unsubscribe", id)).ExitCode);
        Assert.Equal(1, (await RunAsync("digest", "unsubscribe", "dgnosuchid")).ExitCode);
        Assert.Equal(2, (await RunAsync("digest", "subscribe", "--discord-channel", "1", "--teams-conversation", "2")).ExitCode);
    }

    [Fact]
    public async Task Send_now_verbose_logs_the_webhook_request_without_its_token()
    {
        await IngestPapersAsync();
        await SubscribeAsync();

        var sent = await RunAsync("digest", "send-now", "--verbose");

        Assert.True(sent.ExitCode == 0, sent.Stderr + sent.Stdout);
        Assert.Single(_discord.Posted);
        Assert.DoesNotContain("secret-token", sent.Stderr + sent.Stdout, StringComparison.Ordinal);
        Assert.Contains("/api/webhooks/123456/***", sent.Stderr, StringComparison.Ordinal); // the request is logged, its token masked
    }

    [Fact]
    public async Task A_send_now_killed_mid_POST_is_not_posted_twice_by_the_next_run()
    {
        await IngestPapersAsync();
        await SubscribeAsync();
        _discord.Script(Scripted.Hang);

        using (var process = Process.Start(PaperBotProcess.StartInfo(_db.Folder, Settings, "digest", "send-now", "--db", _db.Path))!)
        {
            await _discord.HangReached.Task.WaitAsync(TimeSpan.FromSeconds(60));
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        // The dead process's claim (a 1 s lease here) must lapse before the next run may take the row; wait for
        // exactly the condition that run will test, rather than for a guessed time.
        var outbox = new DigestOutbox(_db.Factory);
        await Eventually.TrueAsync(() => outbox.Deliverable(DateTimeOffset.UtcNow).Count == 1, "the dead process's claim to lapse");

        var next = await RunAsync("digest", "send-now", "--json");

        Assert.Equal(1, next.ExitCode); // in doubt is reported as a problem
        using var json = JsonDocument.Parse(next.Stdout);
        Assert.Equal("in_doubt", json.RootElement[0].GetProperty("outcome").GetString());
        Assert.Single(_discord.Requests); // the one POST that was in flight when it died, never repeated
    }
}
