using System.Diagnostics;
using PaperBot.Tests.Discord;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Storage;

/// <summary>
/// The gateway leader is a real <c>paperbot serve</c> process killed with SIGKILL: no shutdown code runs, so only
/// PostgreSQL noticing the dead session can hand the gateway on. The other process must hold it within 30 seconds.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class GatewayFailoverProcessTests(PostgresClusterFixture cluster) : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("paperbot-gateway-failover-").FullName;
    private FakeDiscordServer _discord = null!;

    public async Task InitializeAsync() => _discord = await FakeDiscordServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _discord.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private int Identifies => _discord.GatewayReceived.Count(p => p.GetProperty("op").GetInt32() == 2);

    private Dictionary<string, string> Environment(string database) => new()
    {
        ["PaperBot__Corpus"] = RepositoryPaths.Corpus,
        ["Storage__Provider"] = "Postgres",
        ["Storage__ConnectionString"] = cluster.Server.ConnectionString(database),
        ["Storage__PasswordVariable"] = PostgresServer.PasswordVariable,
        [PostgresServer.PasswordVariable] = cluster.Server.Password,
        ["Discord__ApplicationId"] = FakeDiscordServer.ApplicationId,
        ["Discord__PublicKey"] = new TestSigner().PublicKeyHex,
        ["Discord__BotToken"] = FakeDiscordServer.BotToken,
        ["Discord__ApiBaseUrl"] = _discord.ApiBaseUrl,
        ["Discord__Gateway__Enabled"] = "true",
        ["Discord__Gateway__Url"] = _discord.GatewayUrl,
        ["Discord__Gateway__ReconnectDelay"] = "00:00:00.050",
    };

    private const string Leads = "now leads and runs";

    [PostgresFact]
    public async Task Killing_the_leader_process_hands_the_gateway_to_the_other_within_30_seconds()
    {
        var database = cluster.Server.CreateDatabase();
        var a = await ServeProcess.StartAsync(_folder, Path.Combine(_folder, "a.db"), Environment(database));
        await using var b = await ServeProcess.StartAsync(_folder, Path.Combine(_folder, "b.db"), Environment(database));
        try
        {
            await Eventually.TrueAsync(() => Identifies == 1, "one replica identifying", TimeSpan.FromSeconds(60));
            Assert.True(a.Output.Contains(Leads, StringComparison.Ordinal) != b.Output.Contains(Leads, StringComparison.Ordinal),
                "exactly one process says it leads:\nA:\n" + a.Output + "\nB:\n" + b.Output);
            var (leader, follower) = a.Output.Contains(Leads, StringComparison.Ordinal) ? (a, b) : (b, a);
            Assert.Equal(1, _discord.GatewayConnections);

            var clock = Stopwatch.StartNew();
            await leader.KillAsync();

            await Eventually.TrueAsync(() => Identifies == 2, "the surviving replica identifying", TimeSpan.FromSeconds(30));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took over after {clock.Elapsed}");
            Assert.Contains(Leads, follower.Output, StringComparison.Ordinal);
            Assert.Equal(2, _discord.GatewayConnections);

            // The survivor answers on the gateway it now holds: a mention is replied to through the REST API.
            await _discord.DispatchAsync("MESSAGE_CREATE", FakeDiscordServer.MessageCreate(
                "1300000000000000001", "1200000000000000001", "1100000000000000001", "1000000000000000001",
                $"<@{FakeDiscordServer.BotUserId}> which papers are about speculative decoding?", mentionsBot: true));
            await Eventually.TrueAsync(() => _discord.RequestsTo("channels/1200000000000000001/messages").Count > 0,
                "the survivor replying to a mention", TimeSpan.FromSeconds(30));
        }
        finally
        {
            await a.DisposeAsync();
        }
    }
}
