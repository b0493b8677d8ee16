using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PaperBot.Core.Digest;
using PaperBot.Core.Ingest;
using PaperBot.Host.Digest.Discord;
using PaperBot.Tests.Digest;
using PaperBot.Tests.Discord;
using static PaperBot.Tests.Digest.FakeDiscordWebhookServer;

namespace PaperBot.Tests.Storage;

/// <summary>
/// Two replicas (each its own service graph and SQLite index, wired by the real registrations) sharing one PostgreSQL
/// database for digest subscriptions and the outbox, on one fake clock: a due digest is posted once however both run,
/// and a replica that dies mid-send is taken over by the other when its lease runs out.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DigestAcrossReplicasTests(PostgresClusterFixture cluster) : IAsyncLifetime
{
    private const string Channel = "400000000000000888";
    private readonly FakeTimeProvider _time = new(DigestHarness.Start);
    private readonly List<DigestHarness> _replicas = [];
    private FakeDiscordWebhookServer _webhook = null!;
    private FakeDiscordServer _discord = null!;
    private string _database = null!;

    public async Task InitializeAsync()
    {
        _webhook = await FakeDiscordWebhookServer.StartAsync(() => _time.GetUtcNow());
        _discord = await FakeDiscordServer.StartAsync();
        _database = cluster.Server.CreateDatabase();
    }

    public async Task DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            replica.Dispose();
        }
        await _webhook.DisposeAsync();
        await _discord.DisposeAsync();
    }

    private DigestHarness Replica(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = cluster.Server.ConnectionString(_database),
            ["Storage:PasswordVariable"] = PostgresServer.PasswordVariable,
            ["Discord:ApplicationId"] = FakeDiscordServer.ApplicationId,
            ["Discord:PublicKey"] = new string('a', 64),
            ["Discord:BotToken"] = FakeDiscordServer.BotToken,
            ["Discord:ApiBaseUrl"] = _discord.ApiBaseUrl,
            ["Discord:Gateway:Enabled"] = "false",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var replica = new DigestHarness(settings, time: _time);
        _replicas.Add(replica);
        return replica;
    }

    /// <summary>Papers ingested through one replica reach the other's index through the shared listing log.</summary>
    private static IReadOnlyList<string> Ingest(DigestHarness through, DigestHarness other, params TestPaper[] papers)
    {
        var ids = through.AddPapers(papers);
        other.Provider.GetRequiredService<IngestService>().CatchUpShared();
        return ids;
    }

    private void AdvanceTo(int day, int hour) => _time.SetUtcNow(new DateTimeOffset(2026, 11, day, hour, 0, 0, TimeSpan.Zero));

    private long Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster.Server.ConnectionString(_database)) { Password = cluster.Server.Password }.ConnectionString);
        connection.Open();
        using var cmd = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [PostgresFact]
    public async Task Two_replicas_running_every_due_digest_at_once_post_each_exactly_once()
    {
        var a = Replica();
        var b = Replica();
        // A subscription made through A is scheduled by B as well.
        var subscription = a.Subscribe(new DigestTarget(DiscordWebhookTarget.KindName, _webhook.WebhookUrl()));
        Assert.Equal(subscription.Id, Assert.Single(b.Subscriptions.List(activeOnly: true)).Id);

        var expected = new List<string>();
        for (var day = 25; day <= 29; day++)
        {
            _time.Advance(TimeSpan.FromHours(1)); // papers arrive between digests
            expected.Add(Ingest(day % 2 == 0 ? a : b, day % 2 == 0 ? b : a, TestPaper.About($"topic of day {day}"))[0]);
            AdvanceTo(day, 9);
            // Both replicas' schedulers wake for the same due time; each pass runs on its own connections.
            var passes = await Task.WhenAll(Task.Run(() => a.RunAsync()), Task.Run(() => b.RunAsync()));

            var sent = passes.SelectMany(p => p).Where(d => d.Outcome == DigestDeliveryOutcome.Sent).ToList();
            Assert.True(sent.Count == 1, $"day {day}: " + string.Join("; ", passes.SelectMany(p => p).Select(d => $"{d.Outcome} {d.Detail}")));
            Assert.All(passes.SelectMany(p => p), d => Assert.Contains(d.Outcome, new[] { DigestDeliveryOutcome.Sent, DigestDeliveryOutcome.Skipped }));
        }

        Assert.Equal(5, _webhook.Posted.Count);
        Assert.Equal(5, Scalar("SELECT count(*) FROM digest_outbox WHERE state = 'sent'"));
        Assert.Equal(5, Scalar("SELECT count(*) FROM digest_outbox"));
        for (var i = 0; i < expected.Count; i++)
        {
            // Each day's digest lists that day's paper: the covered window moved on with every confirmed post.
            var description = _webhook.Posted[i].Body.GetProperty("embeds")[0].GetProperty("description").GetString()!;
            Assert.Contains(expected[i], description, StringComparison.Ordinal);
        }
        Assert.Empty(await a.RunAsync());
        Assert.Empty(await b.RunAsync());
    }

    [PostgresFact]
    public async Task A_replica_built_later_from_the_log_dates_papers_as_their_publisher_did_so_its_digest_lists_only_new_ones()
    {
        var a = Replica();
        AdvanceTo(26, 9);
        a.AddPapers(TestPaper.About("old news one"), TestPaper.About("old news two"), TestPaper.About("old news three"));
        AdvanceTo(28, 12);
        var subscription = a.Subscribe(new DigestTarget(DiscordWebhookTarget.KindName, _webhook.WebhookUrl()));
        AdvanceTo(28, 13);
        var fresh = a.AddPapers(TestPaper.About("news of the day"));

        // B starts the next morning with an empty index and builds it from the shared log.
        AdvanceTo(29, 8);
        var b = Replica();
        Assert.True(b.Provider.GetRequiredService<IngestService>().CatchUpShared() > 0);
        Assert.Equal(a.Scalar("SELECT COUNT(*) FROM papers"), b.Scalar("SELECT COUNT(*) FROM papers"));
        // Dated when A ingested them, not when B applied them (this morning).
        Assert.Equal(0, b.Scalar("SELECT COUNT(*) FROM papers WHERE first_seen >= '2026-11-29'"));

        AdvanceTo(29, 9);
        var delivery = Assert.Single(await b.RunAsync());

        Assert.Equal(DigestDeliveryOutcome.Sent, delivery.Outcome);
        Assert.Equal(1, delivery.Papers);
        var description = Assert.Single(_webhook.Posted).Body.GetProperty("embeds")[0].GetProperty("description").GetString()!;
        Assert.Contains(fresh[0], description, StringComparison.Ordinal);
        Assert.Equal(subscription.Id, delivery.SubscriptionId);
    }

    [PostgresFact]
    public void Replicas_applying_the_same_configured_subscription_at_start_up_make_one()
    {
        var configured = new Dictionary<string, string?>
        {
            ["Digest:Subscriptions:0:Name"] = "daily-webhook",
            ["Digest:Subscriptions:0:DiscordWebhook"] = _webhook.WebhookUrl(),
        };
        var replicas = Enumerable.Range(0, 4).Select(_ => Replica(configured)).ToList();

        var applied = replicas.AsParallel().Select(r => Assert.Single(r.Provider.GetRequiredService<DigestConfiguredSubscriptions>().Apply()).Id).ToList();

        Assert.Single(applied.Distinct());
        Assert.Equal(1, Scalar("SELECT count(*) FROM digest_subscriptions"));
    }

    [PostgresFact]
    public async Task A_replica_killed_while_its_post_is_in_flight_is_taken_over_after_its_lease_and_the_nonce_makes_it_one_message()
    {
        var a = Replica();
        var b = Replica();
        var subscription = a.Subscribe(new DigestTarget(DiscordChannelTarget.KindName, Channel));
        Ingest(a, b, TestPaper.About("retrieval augmented generation"));
        AdvanceTo(25, 9);

        // A claims the digest and posts; Discord holds the request. A dies with it in flight.
        var held = _discord.Hold($"channels/{Channel}/messages");
        using var kill = new CancellationTokenSource();
        var run = a.RunAsync(cancellationToken: kill.Token);
        await Eventually.TrueAsync(() => _discord.HeldRequests == 1, "A's post reaching Discord");
        await kill.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        // Discord goes on to create the message although A is gone: the worst case, a post that landed unseen.
        held.Dispose();
        await Eventually.TrueAsync(() => _discord.MessagesCreated == 1, "the in-flight post landing");

        // B leaves A's digest alone while A's lease holds (A might still be alive and sending).
        Assert.DoesNotContain(await b.RunAsync(), d => d.Outcome != DigestDeliveryOutcome.Skipped);
        Assert.Single(_discord.RequestsTo($"channels/{Channel}/messages", "POST"));

        // After the lease, B takes the digest over and re-sends the in-doubt part with the same enforced nonce.
        _time.Advance(TimeSpan.FromSeconds(301));
        var takeover = Assert.Single(await b.RunAsync());

        Assert.Equal(DigestDeliveryOutcome.Sent, takeover.Outcome);
        var posts = _discord.RequestsTo($"channels/{Channel}/messages", "POST");
        Assert.Equal(2, posts.Count);
        Assert.Single(posts.Select(p => p.Json.GetProperty("nonce").GetString()).Distinct());
        Assert.Equal(1, _discord.MessagesCreated); // one message in the channel
        Assert.Equal(DigestOutboxState.Sent, Assert.Single(a.Outbox.Recent(subscription.Id, 5)).State);
        Assert.Empty(await a.RunAsync());
        Assert.Empty(await b.RunAsync());
    }

    [PostgresFact]
    public async Task A_webhook_post_in_flight_when_its_replica_died_is_not_re_sent_by_the_other_and_its_papers_come_next_time()
    {
        var a = Replica();
        var b = Replica();
        var subscription = a.Subscribe(new DigestTarget(DiscordWebhookTarget.KindName, _webhook.WebhookUrl()));
        var ids = Ingest(a, b, TestPaper.About("mixture of experts routing"));
        AdvanceTo(25, 9);
        _webhook.Script(Scripted.Hang);

        using var kill = new CancellationTokenSource();
        var run = a.RunAsync(cancellationToken: kill.Token);
        await _webhook.HangReached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await kill.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        _time.Advance(TimeSpan.FromSeconds(301));
        var takeover = Assert.Single(await b.RunAsync());

        // A webhook has no idempotency key: the part may have landed, so B does not post it again.
        Assert.Equal(DigestDeliveryOutcome.InDoubt, takeover.Outcome);
        Assert.Single(_webhook.Requests);
        Assert.Equal(DigestOutboxState.InDoubt, Assert.Single(b.Outbox.Recent(subscription.Id, 5)).State);

        // Its papers were not confirmed delivered, so the next digest (composed by either replica) lists them again.
        AdvanceTo(26, 9);
        var next = await Task.WhenAll(Task.Run(() => a.RunAsync()), Task.Run(() => b.RunAsync()));
        Assert.Single(next.SelectMany(p => p), d => d.Outcome == DigestDeliveryOutcome.Sent);
        var posted = Assert.Single(_webhook.Posted);
        Assert.Contains(ids[0], posted.Body.GetProperty("embeds")[0].GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task With_postgres_unreachable_digest_commands_get_an_apology_and_a_scheduler_pass_fails_without_posting()
    {
        var closed = new NpgsqlConnectionStringBuilder(cluster.Server.ConnectionString(_database)) { Port = ClosedPort() }.ConnectionString;
        var down = Replica(new Dictionary<string, string?> { ["Storage:ConnectionString"] = closed });
        var commands = down.Provider.GetRequiredService<DigestCommands>();
        var context = new DigestCommandContext(new DigestTarget(DiscordChannelTarget.KindName, Channel), "user-1", IsAdmin: true, DiscordDigestCommandSyntax.Instance);

        foreach (var command in new[] { "subscribe", "status", "unsubscribe" })
        {
            var reply = await commands.HandleAsync(context, command);
            Assert.Contains(DigestCommands.DatabaseUnavailable, reply.ToPlainText(), StringComparison.Ordinal);
        }
        // The scheduler's pass fails with the database error (logged and retried by DigestScheduler), posting nothing.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => down.RunAsync());
        Assert.Empty(_webhook.Requests);
        Assert.Empty(_discord.RequestsTo($"channels/{Channel}/messages", "POST"));
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
