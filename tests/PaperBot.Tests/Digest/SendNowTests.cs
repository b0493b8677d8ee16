using PaperBot.Core.Digest;
using PaperBot.Host.Digest.Discord;

namespace PaperBot.Tests.Digest;

/// <summary>
/// <c>digest send-now --subscription ID</c> and a new subscription's first digest, through the real dispatcher and a
/// fake Discord webhook on 127.0.0.1, on a fake clock.
/// </summary>
public sealed class SendNowTests : IAsyncLifetime
{
    private readonly DigestHarness _h = new();
    private FakeDiscordWebhookServer _discord = null!;

    public async Task InitializeAsync() => _discord = await FakeDiscordWebhookServer.StartAsync(() => _h.Time.GetUtcNow());

    public async Task DisposeAsync()
    {
        await _discord.DisposeAsync();
        _h.Dispose();
    }

    private DigestSubscription Subscribe() => _h.Subscribe(new DigestTarget(DiscordWebhookTarget.KindName, _discord.WebhookUrl()));

    private static string Content(FakeDiscordWebhookServer.Received r) => r.Body.GetProperty("content").GetString() ?? "";

    [Fact]
    public async Task Send_now_right_after_subscribe_posts_once_and_a_second_call_posts_nothing_new()
    {
        _h.AddPapers(TestPaper.About("graph coloring"), TestPaper.About("protein folding"), TestPaper.About("tokenizers")); // the starting corpus
        _h.Time.Advance(TimeSpan.FromMinutes(30)); // 07:30; the daily 09:00 digest is not due
        var fresh = _h.AddPapers(TestPaper.About("speculative decoding"));
        var sub = Subscribe();

        var first = Assert.Single(await _h.Dispatcher.SendNowAsync(sub.Id, CancellationToken.None));

        Assert.Equal(DigestDeliveryOutcome.Sent, first.Outcome);
        var posted = Assert.Single(_discord.Posted);
        Assert.Contains("1 new paper", Content(posted), StringComparison.Ordinal);
        Assert.Contains(fresh[0], posted.Body.ToString(), StringComparison.Ordinal);

        _h.Time.Advance(TimeSpan.FromSeconds(5));
        var second = Assert.Single(await _h.Dispatcher.SendNowAsync(sub.Id, CancellationToken.None));
        Assert.Equal(DigestDeliveryOutcome.Empty, second.Outcome);
        Assert.Single(_discord.Requests);

        // The scheduled 09:00 digest covers only what arrived after the one sent by hand.
        _h.Time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        var later = _h.AddPapers(TestPaper.About("mixture of experts"));
        _h.Time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        var scheduled = Assert.Single(await _h.RunAsync());
        Assert.Equal(DigestDeliveryOutcome.Sent, scheduled.Outcome);
        Assert.Equal(2, _discord.Posted.Count);
        var body = _discord.Posted[1].Body.ToString();
        Assert.Contains(later[0], body, StringComparison.Ordinal);
        Assert.DoesNotContain(fresh[0], body, StringComparison.Ordinal);
        Assert.Contains("1 new paper", Content(_discord.Posted[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_digest_of_a_new_subscription_never_counts_the_initial_load_as_new()
    {
        _h.AddPapers(Enumerable.Range(0, 12).Select(i => TestPaper.About("continual learning", i)).ToArray()); // the starting corpus, 07:00
        _h.Time.Advance(TimeSpan.FromMinutes(10));
        var sub = Subscribe(); // the 24-hour lookback reaches back past the initial load

        Assert.Equal(0, (await _h.Dispatcher.PreviewAsync(sub, CancellationToken.None)).NewPapers);

        _h.Time.Advance(TimeSpan.FromMinutes(10));
        var arrived = _h.AddPapers(TestPaper.About("world models"));
        _h.Time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        var first = Assert.Single(await _h.RunAsync());

        Assert.Equal(DigestDeliveryOutcome.Sent, first.Outcome);
        Assert.Equal(1, first.Papers);
        Assert.Contains(arrived[0], Assert.Single(_discord.Posted).Body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Papers_that_arrived_after_the_initial_load_within_the_lookback_are_in_the_first_digest()
    {
        _h.AddPapers(TestPaper.About("graph coloring")); // initial load at 07:00
        _h.Time.Advance(TimeSpan.FromHours(1));
        var before = _h.AddPapers(TestPaper.About("retrieval augmentation")); // arrived before the subscription, within the lookback
        _h.Time.Advance(TimeSpan.FromMinutes(5));
        var sub = Subscribe();

        var preview = await _h.Dispatcher.PreviewAsync(sub, CancellationToken.None);

        Assert.Equal(1, preview.NewPapers);
        Assert.Equal(before[0], Assert.Single(preview.Items).PaperId);
    }
}
