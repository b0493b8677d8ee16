using System.Text.Json;
using PaperBot.Core.Digest;
using PaperBot.Tests.Digest;
using PaperBot.Tests.Discord;
using PaperBot.Host.Digest.Discord;

namespace PaperBot.Tests.Integration;

/// <summary>Digests to a Discord channel go through the bot's REST client to the fake Discord API, with no pings and a nonce.</summary>
public sealed class DiscordDigestDeliveryTests : IAsyncLifetime
{
    private const string Channel = "400000000000000777";
    private FakeDiscordServer discord = null!;

    public async Task InitializeAsync() => discord = await FakeDiscordServer.StartAsync();

    public async Task DisposeAsync() => await discord.DisposeAsync();

    private DigestHarness Harness() => new(new Dictionary<string, string?>
    {
        ["Discord:ApplicationId"] = FakeDiscordServer.ApplicationId,
        ["Discord:PublicKey"] = new string('a', 64),
        ["Discord:BotToken"] = FakeDiscordServer.BotToken,
        ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl,
        ["Discord:Gateway:Enabled"] = "false",
    });

    private IReadOnlyList<RecordedRequest> Posts() => discord.RequestsTo($"channels/{Channel}/messages", "POST");

    [Fact]
    public async Task A_channel_subscription_is_posted_once_as_the_bot_with_no_mentions_and_an_enforced_nonce()
    {
        using var h = Harness();
        var subscription = h.Subscribe(new DigestTarget(DiscordChannelTarget.KindName, Channel));
        var ids = h.AddPapers(TestPaper.About("@everyone agents"), TestPaper.About("retrieval", upvotes: 12, link: "https://example.org/r"));
        h.Time.SetUtcNow(GoneTargetRun.FirstMorning);

        var delivery = Assert.Single(await h.RunAsync());
        var again = await h.RunAsync();

        Assert.Equal(DigestDeliveryOutcome.Sent, delivery.Outcome);
        Assert.Empty(again);
        var post = Assert.Single(Posts());
        Assert.Equal(200, post.Status);
        Assert.Equal("Bot " + FakeDiscordServer.BotToken, post.Authorization);
        var json = post.Json;
        Assert.Equal(0, json.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        Assert.True(json.GetProperty("enforce_nonce").GetBoolean());
        var nonce = json.GetProperty("nonce").GetString()!;
        Assert.InRange(nonce.Length, 1, 25);
        Assert.StartsWith("**PaperBot digest: 2 new papers**", json.GetProperty("content").GetString(), StringComparison.Ordinal);
        var footers = json.GetProperty("embeds").EnumerateArray().Select(e => e.GetProperty("footer").GetProperty("text").GetString()).ToList();
        Assert.Equal(ids.Select(id => "Ask about it: /paper " + id).Order(), footers.Order());
        Assert.Equal(DigestOutboxState.Sent, h.Outbox.Recent(subscription.Id, 1)[0].State);
    }

    [Fact]
    public async Task An_unknown_channel_deactivates_the_subscription_and_it_is_not_tried_again()
    {
        using var h = Harness();
        var subscription = h.Subscribe(new DigestTarget(DiscordChannelTarget.KindName, Channel));
        h.AddPapers(TestPaper.About("agents"));
        discord.ScriptNext(404, JsonSerializer.Serialize(new { message = "Unknown Channel", code = 10003 }));

        await GoneTargetRun.AssertDeactivatedAsync(h, subscription, "Unknown Channel");

        Assert.Single(Posts()); // only the one that got the 404
    }
}
