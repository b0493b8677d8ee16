using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Digest;
using PaperBot.Host.Channels.Teams.Conversations;
using PaperBot.Tests.Digest;
using PaperBot.Tests.Teams;
using PaperBot.Host.Digest.Teams;

namespace PaperBot.Tests.Integration;

/// <summary>Digests to a Teams conversation go through the connector client to the fake Bot Connector as markdown messages.</summary>
public sealed class TeamsDigestDeliveryTests : IAsyncLifetime
{
    private FakeBotConnector connector = null!;

    public async Task InitializeAsync() => connector = await FakeBotConnector.StartAsync();

    public async Task DisposeAsync() => await connector.DisposeAsync();

    private DigestHarness Harness() => new(new Dictionary<string, string?>
    {
        ["Teams:AppId"] = TeamsServerFixture.AppId,
        ["Teams:AppPassword"] = "test-secret",
        ["Teams:TenantId"] = FakeBotConnector.TenantId,
        ["Teams:AppType"] = "SingleTenant",
        ["Teams:OpenIdMetadataUrl"] = connector.OpenIdMetadataUrl,
        ["Teams:TokenEndpoint"] = connector.TokenEndpoint,
        ["Teams:AllowedServiceUrls:0"] = connector.BaseUrl,
        ["Teams:MaxRetryAttempts"] = "0",
    });

    /// <summary>What the Teams channel stores when the bot is installed in a conversation.</summary>
    private string Installed(DigestHarness h)
    {
        var conversation = TeamsServerFixture.NewConversationId("channel");
        h.Provider.GetRequiredService<ConversationReferenceStore>().Upsert(new ConversationReference
        {
            ChannelId = TeamsProactiveSender.TeamsChannelId,
            ConversationId = conversation,
            ServiceUrl = connector.ServiceUrl,
            ConversationType = "channel",
            TenantId = FakeBotConnector.TenantId,
            BotId = TeamsServerFixture.BotId,
            BotName = TeamsServerFixture.BotName,
            UpdatedAt = h.Time.GetUtcNow(),
        });
        return conversation;
    }

    [Fact]
    public async Task A_conversation_subscription_is_posted_once_as_a_card_whose_papers_have_their_buttons()
    {
        using var h = Harness();
        var conversation = Installed(h);
        h.Subscribe(new DigestTarget(TeamsConversationTarget.KindName, conversation));
        var ids = h.AddPapers(TestPaper.About("agents"), TestPaper.About("retrieval"));
        h.Time.SetUtcNow(GoneTargetRun.FirstMorning);

        var delivery = Assert.Single(await h.RunAsync());
        var again = await h.RunAsync();

        Assert.Equal(DigestDeliveryOutcome.Sent, delivery.Outcome);
        Assert.Empty(again);
        var post = Assert.Single(connector.ConnectorCalls(conversation));
        Assert.Equal(200, post.Status);
        Assert.StartsWith("Bearer fake-token-", post.Authorization, StringComparison.Ordinal);
        Assert.Null(post.ReplyToId); // a new message, not a reply
        var json = post.Node!;
        Assert.Equal("message", json["type"]!.GetValue<string>());
        Assert.Equal(TeamsServerFixture.BotId, json["from"]!["id"]!.GetValue<string>());
        Assert.Equal("PaperBot digest: 2 new papers", json["summary"]!.GetValue<string>()); // what the notification shows
        var card = json["attachments"]![0]!["content"]!;
        Assert.Equal("PaperBot digest: 2 new papers", PaperBot.Tests.Teams.CardText.Texts(card).First());
        // Every paper has its three buttons, which carry its id and nothing else.
        var payloads = PaperBot.Tests.Teams.CardText.Payloads(card).ToList();
        Assert.All(ids, id => Assert.Equal(["pb:abs:" + id, "pb:sim:" + id, "pb:ask:" + id], payloads.Where(p => p.EndsWith(":" + id, StringComparison.Ordinal))));
    }

    [Fact]
    public async Task A_long_digest_goes_as_several_cards_in_order_each_within_the_activity_budget()
    {
        using var h = Harness();
        var conversation = Installed(h);
        h.Subscribe(new DigestTarget(TeamsConversationTarget.KindName, conversation), maxItems: 40);
        var ids = h.AddPapers(Enumerable.Range(0, 40).Select(i => TestPaper.About("[markdown] *stars* and_underscores", i, $"https://example.org/p{i}")).ToArray());
        h.Time.SetUtcNow(GoneTargetRun.FirstMorning);

        var delivery = Assert.Single(await h.RunAsync());

        Assert.Equal(DigestDeliveryOutcome.Sent, delivery.Outcome);
        var posts = connector.ConnectorCalls(conversation);
        Assert.True(posts.Count >= 2, $"{posts.Count} activities");
        Assert.Equal(delivery.PartsSent, posts.Count);
        Assert.All(posts, p =>
        {
            Assert.Equal(200, p.Status);
            var bytes = System.Text.Encoding.UTF8.GetByteCount(p.Body);
            Assert.True(bytes <= new PaperBot.Host.Channels.Teams.TeamsOptions().MaxActivityBytes, $"{bytes} bytes");
        });
        var cards = posts.Select(p => p.Node!["attachments"]![0]!["content"]!).ToList();
        Assert.Equal("PaperBot digest: 40 new papers", CardText.Texts(cards[0]).First());
        // Paper text is not markup: its markdown characters are escaped in the cards' text.
        Assert.Contains(@"\[markdown\] \*stars\* and\_underscores", string.Join("\n", cards.Select(CardText.Of)), StringComparison.Ordinal);
        // Every paper exactly once across the cards.
        var asked = cards.SelectMany(CardText.Payloads).Where(p => p.StartsWith("pb:ask:", StringComparison.Ordinal)).Select(p => p["pb:ask:".Length..]).ToList();
        Assert.Equal(40, asked.Count);
        Assert.Equal(ids.Order(), asked.Order());
    }

    [Fact]
    public async Task A_403_from_the_connector_deactivates_the_subscription_and_the_conversation()
    {
        using var h = Harness();
        var conversation = Installed(h);
        var subscription = h.Subscribe(new DigestTarget(TeamsConversationTarget.KindName, conversation));
        h.AddPapers(TestPaper.About("agents"));
        connector.Script(conversation, new ScriptedAnswer(403, """{"error":{"code":"BotNotInConversationRoster","message":"The bot is not part of the conversation roster."}}"""));

        await GoneTargetRun.AssertDeactivatedAsync(h, subscription, "BotNotInConversationRoster");

        Assert.False(h.Provider.GetRequiredService<ConversationReferenceStore>().Get(TeamsProactiveSender.TeamsChannelId, conversation)!.Active);
        Assert.Single(connector.ConnectorCalls(conversation));
    }

    [Fact]
    public async Task A_conversation_the_bot_was_never_installed_in_is_reported_gone_without_a_call()
    {
        using var h = Harness();
        var subscription = h.Subscribe(new DigestTarget(TeamsConversationTarget.KindName, "19:never-installed@thread.tacv2"));
        h.AddPapers(TestPaper.About("agents"));

        await GoneTargetRun.AssertDeactivatedAsync(h, subscription, "must be installed there");

        Assert.DoesNotContain(connector.Requests, r => r.IsConnectorCall);
    }
}
