using System.Collections.Concurrent;
using System.Text.Json;
using PaperBot.Host.Channels.Discord.Commands;
using PaperBot.Tests.Discord;

namespace PaperBot.Tests.Storage;

/// <summary>
/// PostgreSQL crashes and comes back while Discord interactions keep arriving at a replica: every interaction it
/// acknowledged as queued is answered, every one it could not journal gets an apology at once, and none gets an error.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRestartBurstTests(PostgresClusterFixture cluster, Xunit.Abstractions.ITestOutputHelper output)
{
    private sealed record Sent(string Token, int Status, int Type, string Text, bool WhileDown);

    [PostgresFact]
    public async Task Nothing_acknowledged_during_a_postgres_restart_is_lost_and_nothing_unjournaled_is_acknowledged()
    {
        var database = cluster.Server.CreateDatabase();
        await using var discord = await FakeDiscordServer.StartAsync();
        await using var server = await PaperBotTestServer.StartAsync(discord, new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = cluster.Server.ConnectionString(database),
            ["Storage:PasswordVariable"] = PostgresServer.PasswordVariable,
            ["Storage:WorkLeaseSeconds"] = "3",
        });
        var sent = new ConcurrentQueue<Sent>();
        var down = false;
        var count = 0;
        using var stop = new CancellationTokenSource();

        async Task BurstAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref count);
                var token = $"tok-burst-{n}";
                var wasDown = Volatile.Read(ref down);
                // A different user each time: the per-user question limit is not what this test is about.
                using var response = await server.PostInteractionAsync(PaperBotTestServer.Command("ask", "question",
                    "which papers are about speculative decoding?", userId: (710000000000000000L + n).ToString(System.Globalization.CultureInfo.InvariantCulture), token: token));
                var body = await response.Content.ReadAsStringAsync();
                var json = response.IsSuccessStatusCode ? JsonDocument.Parse(body).RootElement : default;
                sent.Enqueue(new Sent(token, (int)response.StatusCode, response.IsSuccessStatusCode ? json.GetProperty("type").GetInt32() : 0,
                    response.IsSuccessStatusCode && json.TryGetProperty("data", out var data) ? DiscordMessageText.Of(data) : body, wasDown));
                await Task.Delay(20);
            }
        }

        var bursts = Enumerable.Range(0, 3).Select(_ => Task.Run(BurstAsync)).ToList();
        await Eventually.TrueAsync(() => sent.Count >= 10, "interactions before the crash", TimeSpan.FromSeconds(60));
        Volatile.Write(ref down, true);
        cluster.Server.Crash();
        var atCrash = sent.Count;
        await Eventually.TrueAsync(() => sent.Count >= atCrash + 10, "interactions while PostgreSQL is down", TimeSpan.FromSeconds(60));
        cluster.Server.Start();
        Volatile.Write(ref down, false);
        var atStart = sent.Count;
        await Eventually.TrueAsync(() => sent.Skip(atStart).Count(s => s.Type == 5) >= 10, () => "interactions queued again after the restart: " + Describe(sent), TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await Task.WhenAll(bursts);

        var all = sent.ToList();
        Assert.All(all, s => Assert.Equal(200, s.Status));
        // Not queued: told so at once, in the reply to the interaction itself.
        var refused = all.Where(s => s.Type != 5).ToList();
        Assert.All(refused, s => Assert.Equal((4, DiscordInteractionHandler.JournalUnavailable), (s.Type, s.Text.Trim())));
        Assert.Contains(refused, s => s.WhileDown);
        // Queued: every one answered.
        var queued = all.Where(s => s.Type == 5).ToList();
        foreach (var s in queued)
        {
            var original = $"webhooks/{FakeDiscordServer.ApplicationId}/{s.Token}/messages/@original";
            await Eventually.TrueAsync(() => discord.RequestsTo(original, "PATCH").Any(r => r.Status == 200), $"an answer to {s.Token}", TimeSpan.FromSeconds(90));
        }
        Assert.True(queued.Count >= 20, Describe(sent));
        // Work finished while PostgreSQL was down is recorded once it is back (at the next renewal of this replica's holds).
        await Eventually.TrueAsync(() => Unfinished(database) == 0, "every answered interaction recorded as finished", TimeSpan.FromSeconds(30));
        output.WriteLine("(status, type, sent while down): " + Describe(sent));
    }

    private long Unfinished(string database)
    {
        using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(cluster.Server.ConnectionString(database)) { Password = cluster.Server.Password }.ConnectionString);
        connection.Open();
        using var cmd = new Npgsql.NpgsqlCommand("SELECT count(*) FROM accepted_work WHERE payload IS NOT NULL", connection);
        return (long)cmd.ExecuteScalar()!;
    }

    private static string Describe(IEnumerable<Sent> sent) =>
        string.Join(", ", sent.GroupBy(s => (s.Status, s.Type, s.WhileDown)).Select(g => $"{g.Count()} x {g.Key}"));
}
