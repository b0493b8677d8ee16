using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PaperBot.Core.Digest;
using PaperBot.Core.Ingest;
using PaperBot.Host.Channels.Teams.Conversations;
using PaperBot.Host.Digest.Teams;
using PaperBot.Tests.Digest;
using PaperBot.Tests.Integration;
using PaperBot.Tests.Teams;

namespace PaperBot.Tests.Storage;

/// <summary>
/// Teams conversation references in PostgreSQL: the replica that posts to a conversation (a digest) is not the one that
/// heard it, and what one replica learns about a conversation (removed, spoken to again) every replica knows.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TeamsReferencesAcrossReplicasTests(PostgresClusterFixture cluster) : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DigestHarness.Start);
    private readonly List<DigestHarness> _replicas = [];
    private FakeBotConnector _connector = null!;
    private string _database = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _database = cluster.Server.CreateDatabase();
    }

    public async Task DisposeAsync()
    {
        _replicas.ForEach(r => r.Dispose());
        await _connector.DisposeAsync();
    }

    private DigestHarness Replica()
    {
        var replica = new DigestHarness(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = cluster.Server.ConnectionString(_database),
            ["Storage:PasswordVariable"] = PostgresServer.PasswordVariable,
            ["Teams:AppId"] = TeamsServerFixture.AppId,
            ["Teams:AppPassword"] = "test-secret",
            ["Teams:TenantId"] = FakeBotConnector.TenantId,
            ["Teams:AppType"] = "SingleTenant",
            ["Teams:OpenIdMetadataUrl"] = _connector.OpenIdMetadataUrl,
            ["Teams:TokenEndpoint"] = _connector.TokenEndpoint,
            ["Teams:AllowedServiceUrls:0"] = _connector.BaseUrl,
            ["Teams:MaxRetryAttempts"] = "0",
        }, time: _time);
        _replicas.Add(replica);
        return replica;
    }

    private ConversationReference Reference(string conversation, string? userName = null) => new()
    {
        ChannelId = TeamsProactiveSender.TeamsChannelId,
        ConversationId = conversation,
        ServiceUrl = _connector.ServiceUrl,
        ConversationType = "channel",
        TenantId = FakeBotConnector.TenantId,
        BotId = TeamsServerFixture.BotId,
        BotName = TeamsServerFixture.BotName,
        UserName = userName,
        UpdatedAt = _time.GetUtcNow(),
    };

    [PostgresFact]
    public async Task A_conversation_heard_by_one_replica_gets_its_digest_from_the_other()
    {
        var a = Replica();
        var b = Replica();
        var conversation = TeamsServerFixture.NewConversationId("channel");
        a.Provider.GetRequiredService<IConversationReferenceStore>().Upsert(Reference(conversation));
        a.Subscribe(new DigestTarget(TeamsConversationTarget.KindName, conversation));
        a.AddPapers(TestPaper.About("graph neural networks"));
        b.Provider.GetRequiredService<IngestService>().CatchUpShared();
        _time.SetUtcNow(GoneTargetRun.FirstMorning);

        var delivery = Assert.Single(await b.RunAsync());

        Assert.Equal(DigestDeliveryOutcome.Sent, delivery.Outcome);
        var post = Assert.Single(_connector.ConnectorCalls(conversation));
        Assert.Equal(200, post.Status);
        Assert.Empty(await a.RunAsync());
    }

    [PostgresFact]
    public void What_one_replica_learns_about_a_conversation_every_replica_knows()
    {
        var a = Replica().Provider.GetRequiredService<IConversationReferenceStore>();
        var b = Replica().Provider.GetRequiredService<IConversationReferenceStore>();
        var conversation = TeamsServerFixture.NewConversationId("personal");
        a.Upsert(Reference(conversation, userName: "Ada"));

        Assert.True(b.MarkInactive(TeamsProactiveSender.TeamsChannelId, conversation, "403 from the connector: bot removed"));
        var seen = a.Get(TeamsProactiveSender.TeamsChannelId, conversation)!;
        Assert.False(seen.Active);
        Assert.Equal("403 from the connector: bot removed", seen.InactiveReason);

        // Spoken to again through B: active again everywhere, and what B's activity did not carry is kept.
        _time.Advance(TimeSpan.FromMinutes(5));
        b.Upsert(Reference(conversation) with { UserName = null });
        var again = a.Get(TeamsProactiveSender.TeamsChannelId, conversation)!;
        Assert.True(again.Active);
        Assert.Null(again.InactiveReason);
        Assert.Equal("Ada", again.UserName);
        Assert.Equal(_time.GetUtcNow(), again.UpdatedAt);
        Assert.Equal(conversation, Assert.Single(a.List(TeamsProactiveSender.TeamsChannelId)).ConversationId);
    }
}
