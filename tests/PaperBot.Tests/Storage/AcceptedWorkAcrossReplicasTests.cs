using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PaperBot.Core.Storage;
using PaperBot.Core.Storage.Postgres;
using PaperBot.Host.Reliability;
using PaperBot.Tests.Discord;
using PaperBot.Tests.Llm;

namespace PaperBot.Tests.Storage;

/// <summary>
/// The accepted-work journal in PostgreSQL: work a replica acknowledged is held by it while it lives, and finished by
/// another replica when it dies; two replicas looking for free work at once never both take one piece.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AcceptedWorkAcrossReplicasTests(PostgresClusterFixture cluster) : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];

    private PostgresAcceptedWorkJournal Journal(string database, TimeProvider time, int leaseSeconds = 60)
    {
        var options = Options.Create(new SharedStorageOptions
        {
            Provider = StorageProvider.Postgres,
            ConnectionString = cluster.Server.ConnectionString(database),
            PasswordVariable = PostgresServer.PasswordVariable,
            WorkLeaseSeconds = leaseSeconds,
        });
        var postgres = new PostgresDatabase(options, NullLogger<PostgresDatabase>.Instance);
        _owned.Add(postgres);
        return new PostgresAcceptedWorkJournal(postgres, time, options);
    }

    [PostgresFact]
    public void Work_is_held_by_the_replica_that_accepted_it_while_it_renews_and_taken_over_once_its_hold_runs_out()
    {
        var database = cluster.Server.CreateDatabase();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var a = Journal(database, time);
        var b = Journal(database, time);

        Assert.NotNull(a.TryAccept("discord", "1001", "{\"work\":1}"));
        Assert.Null(b.TryAccept("discord", "1001", "{\"work\":1}")); // a replay reaching the other replica is still a replay
        Assert.Empty(b.ClaimPending("discord"));

        // A renews while it lives: B leaves the work alone however long it takes.
        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromSeconds(20));
            Assert.Equal(1, a.RenewHolds());
            Assert.Empty(b.ClaimPending("discord"));
        }

        // A dies: no more renewals. After the lease, B takes the work, and only B.
        time.Advance(TimeSpan.FromSeconds(61));
        var taken = Assert.Single(b.ClaimPending("discord"));
        Assert.Equal(("1001", "{\"work\":1}"), (taken.Id, taken.Payload));
        Assert.Empty(b.ClaimPending("discord"));
        Assert.Empty(a.ClaimPending("discord")); // A back from a pause finds it held by B
        Assert.Equal(0, a.RenewHolds());

        b.Finish(taken.Hold);
        time.Advance(TimeSpan.FromSeconds(61));
        Assert.Empty(a.ClaimPending("discord"));
        Assert.Empty(b.ClaimPending("discord"));
        Assert.Null(a.TryAccept("discord", "1001")); // remembered after finishing, for the replay window
    }

    [PostgresFact]
    public void A_replica_slow_past_its_hold_cannot_reply_to_work_taken_over_and_work_being_replied_to_is_left_to_its_holder()
    {
        var database = cluster.Server.CreateDatabase();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var a = Journal(database, time, leaseSeconds: 6);
        var b = Journal(database, time, leaseSeconds: 6);
        var stalled = a.TryAccept("teams", "c\n1", "{}")!;
        var replying = a.TryAccept("teams", "c\n2", "{}")!;
        Assert.True(a.TryBeginReply(replying));

        // A is starved: no renewals. B takes over what A had not begun replying to, and only that.
        time.Advance(TimeSpan.FromSeconds(7));
        var taken = Assert.Single(b.ClaimPending("teams"));
        Assert.Equal(("c\n1", false), (taken.Id, taken.ReplyInDoubt));
        Assert.False(a.TryBeginReply(stalled)); // A runs again: it may not reply
        a.Finish(stalled); // nor finish B's work
        Assert.True(b.TryBeginReply(taken.Hold));
        b.Finish(taken.Hold);
        a.Finish(replying); // A's reply went out
        time.Advance(TimeSpan.FromSeconds(20));
        Assert.Empty(b.ClaimPending("teams"));

        // A holder that stops renewing mid-reply is given one more lease, then its work is taken over in doubt.
        var dead = a.TryAccept("teams", "c\n3", "{}")!;
        Assert.True(a.TryBeginReply(dead));
        time.Advance(TimeSpan.FromSeconds(7));
        Assert.Empty(b.ClaimPending("teams"));
        time.Advance(TimeSpan.FromSeconds(6));
        var inDoubt = Assert.Single(b.ClaimPending("teams"));
        Assert.True(inDoubt.ReplyInDoubt);
        Assert.False(a.TryBeginReply(dead));
        Assert.True(b.TryBeginReply(inDoubt.Hold));
    }

    [PostgresFact]
    public async Task Replicas_claiming_free_work_at_once_take_each_piece_exactly_once()
    {
        var database = cluster.Server.CreateDatabase();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var dead = Journal(database, time);
        for (var i = 0; i < 300; i++)
        {
            Assert.NotNull(dead.TryAccept("teams", $"conversation\n{i}", $"{{\"turn\":{i}}}"));
        }
        time.Advance(TimeSpan.FromSeconds(61));
        var replicas = Enumerable.Range(0, 4).Select(_ => Journal(database, time)).ToList();
        var taken = new ConcurrentBag<(int Replica, string Id)>();

        await Task.WhenAll(replicas.Select((journal, index) => Task.Run(() =>
        {
            // Each replica keeps claiming batches until nothing is free, as its takeover loop would.
            while (journal.ClaimPending("teams") is { Count: > 0 } batch)
            {
                foreach (var work in batch)
                {
                    taken.Add((index, work.Id));
                }
            }
        })));

        Assert.Equal(300, taken.Count);
        Assert.Equal(300, taken.Select(t => t.Id).Distinct().Count());
    }

    [PostgresFact]
    public async Task An_interaction_acknowledged_by_a_replica_that_dies_before_answering_is_answered_by_the_other()
    {
        var database = cluster.Server.CreateDatabase();
        await using var discord = await FakeDiscordServer.StartAsync();
        await using var model = await FakeChatCompletionsServer.StartAsync();
        model.ReplyAlways(ScriptedReply.Completion("never delivered [1].") with { Delay = TimeSpan.FromMinutes(10) });
        var signer = new TestSigner();
        Dictionary<string, string?> Settings(bool hangingModel)
        {
            var settings = new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "Postgres",
                ["Storage:ConnectionString"] = cluster.Server.ConnectionString(database),
                ["Storage:PasswordVariable"] = PostgresServer.PasswordVariable,
                ["Storage:WorkLeaseSeconds"] = "3",
            };
            if (hangingModel)
            {
                // A composes its answers with a model that never replies: it dies while composing.
                settings["Llm:Provider"] = "openai-compatible";
                settings["Llm:Endpoint"] = model.BaseUrl;
                settings["Llm:Model"] = "test-model";
                settings["Llm:TimeoutSeconds"] = "600";
            }
            return settings;
        }
        var a = await PaperBotTestServer.StartAsync(discord, Settings(hangingModel: true), signer);
        await using var b = await PaperBotTestServer.StartAsync(discord, Settings(hangingModel: false), signer);
        const string token = "tok-takeover";
        string original = $"webhooks/{FakeDiscordServer.ApplicationId}/{token}/messages/@original";

        using (var response = await a.PostInteractionAsync(PaperBotTestServer.Command("ask", "question", "which papers are about speculative decoding?", token: token)))
        {
            response.EnsureSuccessStatusCode();
            Assert.Equal(5, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetInt32()); // deferred
        }
        await model.ReceivedAsync(1);
        await a.DisposeAsync(); // A goes away mid-answer; its hold is no longer renewed

        await Eventually.TrueAsync(() => discord.RequestsTo(original, "PATCH").Count > 0, "B answering A's interaction", TimeSpan.FromSeconds(60));
        var answer = DiscordMessageText.Of(discord.RequestsTo(original, "PATCH").Single().Json);
        Assert.Contains("[1]", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("never delivered", answer, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => Unfinished(database) == 0, "the interaction finished in the journal");
        Assert.Single(discord.RequestsTo(original, "PATCH"));
    }

    private long Unfinished(string database)
    {
        using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(cluster.Server.ConnectionString(database)) { Password = cluster.Server.Password }.ConnectionString);
        connection.Open();
        using var cmd = new Npgsql.NpgsqlCommand("SELECT count(*) FROM accepted_work WHERE payload IS NOT NULL", connection);
        return (long)cmd.ExecuteScalar()!;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }
    }
}
