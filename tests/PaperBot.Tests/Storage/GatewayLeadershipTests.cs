using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Host.Storage;
using PaperBot.Tests.Discord;

namespace PaperBot.Tests.Storage;

/// <summary>
/// Two replicas with the Discord gateway on, sharing PostgreSQL: only the leader connects, and when it goes away the
/// other holds the gateway within 30 seconds.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class GatewayLeadershipTests(PostgresClusterFixture cluster) : IAsyncLifetime
{
    private FakeDiscordServer _discord = null!;

    public async Task InitializeAsync() => _discord = await FakeDiscordServer.StartAsync();

    public async Task DisposeAsync() => await _discord.DisposeAsync();

    private int Identifies => _discord.GatewayReceived.Count(p => p.GetProperty("op").GetInt32() == 2);

    private Task<PaperBotTestServer> StartReplicaAsync(string database) => PaperBotTestServer.StartAsync(_discord, new Dictionary<string, string?>
    {
        ["Discord:Gateway:Enabled"] = "true",
        ["Discord:Gateway:Url"] = _discord.GatewayUrl,
        ["Discord:Gateway:ReconnectDelay"] = "00:00:00.050",
        ["Storage:Provider"] = "Postgres",
        ["Storage:ConnectionString"] = cluster.Server.ConnectionString(database),
        ["Storage:PasswordVariable"] = PostgresServer.PasswordVariable,
    });

    [PostgresFact]
    public async Task Only_the_leader_holds_the_gateway_and_the_other_replica_takes_over_within_30_seconds()
    {
        var database = cluster.Server.CreateDatabase();
        var a = await StartReplicaAsync(database);
        var b = await StartReplicaAsync(database);
        try
        {
            await Eventually.TrueAsync(() => Identifies == 1, "one replica identifying", TimeSpan.FromSeconds(60));
            // Both have tried for leadership by now (they try at start and every 5 s): still one session.
            await Eventually.TrueAsync(() => a.App.Services.GetRequiredService<ReplicaLeadership>().IsLeader
                != b.App.Services.GetRequiredService<ReplicaLeadership>().IsLeader, "exactly one leader", TimeSpan.FromSeconds(30));
            Assert.Equal(1, _discord.GatewayConnections);

            var leaderIsA = a.App.Services.GetRequiredService<ReplicaLeadership>().IsLeader;
            var (leader, follower) = leaderIsA ? (a, b) : (b, a);
            var clock = Stopwatch.StartNew();
            await leader.DisposeAsync(); // the leader goes away; its session, and with it the lock, ends
            if (leaderIsA)
            {
                a = null!;
            }
            else
            {
                b = null!;
            }

            await Eventually.TrueAsync(() => Identifies == 2, "the other replica identifying", TimeSpan.FromSeconds(30));
            Assert.True(follower.App.Services.GetRequiredService<ReplicaLeadership>().IsLeader);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took over after {clock.Elapsed}");
        }
        finally
        {
            if (a is not null)
            {
                await a.DisposeAsync();
            }
            if (b is not null)
            {
                await b.DisposeAsync();
            }
        }
    }
}
