using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Digest;
using PaperBot.Host.Digest.Discord;
using static PaperBot.Tests.Digest.FakeDiscordWebhookServer;

namespace PaperBot.Tests.Digest;

/// <summary>Digests posted to a fake Discord webhook on 127.0.0.1 by the real dispatcher, sender and HTTP pipeline.</summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private readonly DigestHarness _h = new();
    private FakeDiscordWebhookServer _discord = null!;

    public async Task InitializeAsync() => _discord = await FakeDiscordWebhookServer.StartAsync(() => _h.Time.GetUtcNow());

    public async Task DisposeAsync()
    {
        await _discord.DisposeAsync();
        _h.Dispose();
    }

    private DigestSubscription Subscribe(int? maxItems = null) =>
        _h.Subscribe(new DigestTarget(DiscordWebhookTarget.KindName, _discord.WebhookUrl()), maxItems: maxItems);

    private void AdvanceTo(int day, int hour, int minute = 0) =>
        _h.Time.SetUtcNow(new DateTimeOffset(2026, 11, day, hour, minute, 0, TimeSpan.Zero));

    private static List<JsonElement> Embeds(Received r) => r.Body.GetProperty("embeds").EnumerateArray().ToList();

    [Fact]
    public async Task The_due_digest_is_posted_once_with_wait_true_and_no_mentions_and_later_digests_hold_only_newer_papers()
    {
        var sub = Subscribe();
        var ids = _h.AddPapers(TestPaper.About("speculative decoding", 40, "https://example.org/spec"), TestPaper.About("graph networks", 3));

        AdvanceTo(25, 8, 59);
        Assert.Empty(await _h.RunAsync());
        Assert.Empty(_discord.Requests);

        AdvanceTo(25, 9);
        var first = Assert.Single(await _h.RunAsync());
        Assert.Equal(DigestDeliveryOutcome.Sent, first.Outcome);
        var posted = Assert.Single(_discord.Posted);
        Assert.Contains("wait=true", posted.Query, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Array, posted.Body.GetProperty("allowed_mentions").GetProperty("parse").ValueKind);
        Assert.Equal(0, posted.Body.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        Assert.Contains("2 new papers", posted.Body.GetProperty("content").GetString(), StringComparison.Ordinal);
        var embeds = Embeds(posted);
        Assert.Equal(2, embeds.Count);
        // Ranked by upvotes here: the 40-upvote paper first, with its link, id and a way to ask about it.
        Assert.Contains(ids[0], embeds[0].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("https://example.org/spec", embeds[0].GetProperty("url").GetString());
        Assert.Equal($"Ask about it: /paper {ids[0]}", embeds[0].GetProperty("footer").GetProperty("text").GetString());

        // Running again in the same period posts nothing.
        Assert.Empty(await _h.RunAsync());
        Assert.Single(_discord.Requests);

        // Next day, nothing new: no post, the period is recorded as empty.
        AdvanceTo(26, 9);
        var empty = Assert.Single(await _h.RunAsync());
        Assert.Equal(DigestDeliveryOutcome.Empty, empty.Outcome);
        Assert.Single(_discord.Requests);

        // A paper arriving later is in the following digest, alone.
        AdvanceTo(26, 10);
        var later = _h.AddPapers(TestPaper.About("retrieval augmentation", 1));
        AdvanceTo(27, 9);
        Assert.Equal(DigestDeliveryOutcome.Sent, Assert.Single(await _h.RunAsync()).Outcome);
        Assert.Equal(2, _discord.Posted.Count);
        var third = Assert.Single(Embeds(_discord.Posted[1]));
        Assert.Contains(later[0], third.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, _h.Scalar($"SELECT COUNT(*) FROM digest_outbox WHERE subscription_id = '{sub.Id}'"));
    }

    [Fact]
    public async Task After_days_of_downtime_one_catch_up_digest_holds_everything_that_arrived()
    {
        var sub = Subscribe();
        AdvanceTo(25, 8);
        _h.AddPapers(TestPaper.About("tokenizers"));
        AdvanceTo(26, 12);
        _h.AddPapers(TestPaper.About("mixture of experts"));
        AdvanceTo(28, 12);
        _h.AddPapers(TestPaper.About("reward models"));

        AdvanceTo(30, 10, 30);
        var delivery = Assert.Single(await _h.RunAsync());

        Assert.Equal(DigestDeliveryOutcome.Sent, delivery.Outcome);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero), delivery.PeriodAt);
        Assert.Equal(3, Embeds(Assert.Single(_discord.Posted)).Count);
        Assert.Equal(1, _h.Scalar($"SELECT COUNT(*) FROM digest_outbox WHERE subscription_id = '{sub.Id}'"));
    }

    [Fact]
    public async Task A_429_is_retried_after_the_retry_after_Discord_asked_for()
    {
        Subscribe();
        _h.AddPapers(TestPaper.About("distillation"));
        _discord.RetryAfterSeconds = 2.5;
        _discord.Script(Scripted.RateLimited);
        AdvanceTo(25, 9);

        // The retry waits on the injected clock: it moves on in small steps until the run ends.
        var delivery = Assert.Single(await _h.RunAdvancingClockAsync(TimeSpan.FromMilliseconds(250)));

        Assert.Equal(DigestDeliveryOutcome.Sent, delivery.Outcome);
        var requests = _discord.Requests.ToList();
        Assert.Equal([429, 200], requests.Select(r => r.Status));
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(2.5), $"retried after {(requests[1].At - requests[0].At).TotalSeconds} s");
    }

    [Theory]
    [InlineData(Scripted.UnknownWebhook, "does not exist")]
    [InlineData(Scripted.InvalidToken, "refused the webhook's token")]
    public async Task A_deleted_webhook_deactivates_the_subscription_and_is_never_called_again(Scripted answer, string reason)
    {
        var sub = Subscribe();
        _h.AddPapers(TestPaper.About("alignment"));
        _discord.Script(answer);
        AdvanceTo(25, 9);

        var delivery = Assert.Single(await _h.RunAsync());

        Assert.Equal(DigestDeliveryOutcome.TargetGone, delivery.Outcome);
        var stopped = _h.Subscriptions.Get(sub.Id)!;
        Assert.False(stopped.Active);
        Assert.Contains(reason, stopped.DeactivatedReason, StringComparison.Ordinal);
        Assert.Single(_discord.Requests); // 404/401 are not retried

        AdvanceTo(26, 10);
        _h.AddPapers(TestPaper.About("quantisation"));
        AdvanceTo(27, 9);
        Assert.Empty(await _h.RunAsync());
        Assert.Single(_discord.Requests);
    }

    [Fact]
    public async Task Server_errors_are_retried_then_the_digest_waits_for_a_later_attempt_and_is_posted_once()
    {
        var sub = Subscribe();
        _h.AddPapers(TestPaper.About("long context"));
        _discord.Script(Scripted.ServerError, Scripted.ServerError, Scripted.ServerError, Scripted.ServerError);
        AdvanceTo(25, 9);

        var first = Assert.Single(await _h.RunAdvancingClockAsync(TimeSpan.FromMilliseconds(20)));

        Assert.Equal(DigestDeliveryOutcome.WillRetry, first.Outcome);
        Assert.Equal(4, _discord.Requests.Count); // the first try and three HTTP retries
        Assert.Empty(_discord.Posted);
        var pending = Assert.Single(_h.Outbox.Recent(sub.Id, 5));
        Assert.Equal(DigestOutboxState.Pending, pending.State);
        Assert.Equal(1, pending.Attempts);

        Assert.Empty(await _h.RunAsync()); // not before its retry time
        _h.Time.SetUtcNow(pending.NextAttemptAt);
        Assert.Equal(DigestDeliveryOutcome.Sent, Assert.Single(await _h.RunAsync()).Outcome);
        Assert.Single(_discord.Posted);
        Assert.Empty(await _h.RunAsync());
        Assert.Single(_discord.Posted);
    }

    [Fact]
    public async Task A_long_digest_is_split_into_messages_within_Discord_limits_in_ranked_order()
    {
        var sub = Subscribe(maxItems: 30);
        _h.AddPapers(Enumerable.Range(0, 30).Select(i => TestPaper.About("efficient inference", upvotes: i)).ToArray());
        AdvanceTo(25, 9);

        var delivery = Assert.Single(await _h.RunAsync());

        Assert.Equal(DigestDeliveryOutcome.Sent, delivery.Outcome);
        var posted = _discord.Posted;
        Assert.True(posted.Count >= 3, $"{posted.Count} messages");
        Assert.Equal(_discord.Requests.Count, posted.Count); // the fake Discord refused none of them
        Assert.All(posted, p => Assert.InRange(Embeds(p).Count, 1, 10));
        Assert.True(posted[0].Body.TryGetProperty("content", out _));
        var sentIds = posted.SelectMany(Embeds).Select(e => e.GetProperty("footer").GetProperty("text").GetString()![^6..]).ToList();
        var composed = Assert.Single(_h.Outbox.Recent(sub.Id, 1)).Content.Items.Select(i => i.PaperId).ToList();
        Assert.Equal(composed, sentIds);
        Assert.Equal(posted.Count, delivery.PartsSent);
    }

    [Fact]
    public async Task With_PostWhenEmpty_an_empty_period_gets_a_one_line_note()
    {
        using var h = _h.Restart(new Dictionary<string, string?> { ["Digest:PostWhenEmpty"] = "true" });
        h.Subscribe(new DigestTarget(DiscordWebhookTarget.KindName, _discord.WebhookUrl()));
        AdvanceTo(25, 9);

        Assert.Equal(DigestDeliveryOutcome.Sent, Assert.Single(await h.RunAsync()).Outcome);

        var note = Assert.Single(_discord.Posted);
        Assert.Empty(Embeds(note));
        Assert.Contains("No new papers since", note.Body.GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_webhook_host_outside_the_allow_list_is_refused_at_subscribe()
    {
        var refused = _h.Subscriptions.TryCreate(new NewDigestSubscription(
            new DigestTarget(DiscordWebhookTarget.KindName, "https://attacker.example/api/webhooks/1/x"), null, null, [], 0, null, "test"), out var error);

        Assert.Null(refused);
        Assert.Contains("not allowed", error, StringComparison.Ordinal);
        Assert.Empty(_h.Subscriptions.List());
    }

    [Fact]
    public void The_Discord_formatter_keeps_every_message_inside_the_limits_even_with_huge_titles()
    {
        var items = Enumerable.Range(0, 25).Select(i => new DigestItem($"id{i:D4}", new string('T', 400), new string('s', 3000), $"https://example.org/same", i, "Nov 24, 2026", ["x"])).ToList();
        var content = new DigestContent("25 new papers", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 25, items, "footer");

        var messages = DiscordDigestFormatter.Render(content);

        Assert.Equal(25, messages.Sum(m => m.Embeds!.Count));
        Assert.All(messages, m =>
        {
            Assert.InRange(m.Embeds!.Count, 1, 10);
            Assert.True(m.Embeds!.Sum(e => e.CountedLength) <= 6000);
            Assert.All(m.Embeds!, e => Assert.True(e.Title!.Length <= 256 && e.Description!.Length <= 4096));
            Assert.True(m.Embeds!.Where(e => e.Url is not null).Select(e => e.Url).Distinct().Count() == m.Embeds!.Count(e => e.Url is not null));
        });
        Assert.Equal(JsonSerializer.Serialize(messages), JsonSerializer.Serialize(DiscordDigestFormatter.Render(content))); // deterministic: a resumed delivery renders the same parts
    }
}
