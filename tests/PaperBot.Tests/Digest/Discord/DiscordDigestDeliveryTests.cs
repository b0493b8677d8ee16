using System.Text.Json;
using PaperBot.Core.Digest;
using PaperBot.Tests.Digest;
using PaperBot.Tests.Discord;
using PaperBot.Host.Channels.Discord.Transport;
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
    public async Task A_part_whose_answer_was_lost_is_re_sent_with_the_same_nonce_and_posted_once()
    {
        using var h = Harness();
        var subscription = h.Subscribe(new DigestTarget(DiscordChannelTarget.KindName, Channel));
        h.AddPapers(TestPaper.About("vision transformers"));
        h.Time.SetUtcNow(GoneTargetRun.FirstMorning);
        // Discord posts the part, but no answer gets back, nor to the REST client's own retries: the outcome is unknown.
        var attempts = DiscordHttpPolicy.Bot.Retries + 1;
        discord.DropAnswers(attempts);

        var first = Assert.Single(await Eventually.WhileAdvancingAsync(h.RunAsync(), h.Time, TimeSpan.FromSeconds(1)));
        h.Time.Advance(TimeSpan.FromSeconds(61));
        var second = Assert.Single(await h.RunAsync());

        Assert.Equal(DigestDeliveryOutcome.WillRetry, first.Outcome);
        Assert.Equal(DigestDeliveryOutcome.Sent, second.Outcome);
        var posts = Posts();
        Assert.Equal(attempts + 1, posts.Count);
        Assert.All(posts.Take(attempts), p => Assert.Equal(FakeDiscordServer.DroppedStatus, p.Status));
        Assert.Equal(200, posts[^1].Status);
        var nonce = posts[0].Json.GetProperty("nonce").GetString()!;
        Assert.InRange(nonce.Length, 1, 25);
        Assert.All(posts, p => Assert.Equal(nonce, p.Json.GetProperty("nonce").GetString()));
        Assert.Equal(1, discord.MessagesCreated);
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
