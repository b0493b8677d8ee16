using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Digest;
using PaperBot.Host.Digest.Discord;
using static PaperBot.Tests.Digest.FakeDiscordWebhookServer;
using PaperBot.Host.Digest.Teams;

namespace PaperBot.Tests.Digest;

/// <summary>
/// A period's digest is never posted twice: not after a crash between the POST and recording it, not after a kill
/// mid-POST, not after a kill between claiming and sending, not with two processes at once.
/// </summary>
public sealed class ExactlyOnceTests : IAsyncLifetime
{
    private readonly DigestHarness _h = new();
    private FakeDiscordWebhookServer _discord = null!;

    public async Task InitializeAsync() => _discord = await FakeDiscordWebhookServer.StartAsync(() => _h.Time.GetUtcNow());

    public async Task DisposeAsync()
    {
        await _discord.DisposeAsync();
        _h.Dispose();
    }

    private DigestSubscription Subscribe(DigestHarness h, int? maxItems = null) =>
        h.Subscribe(new DigestTarget(DiscordWebhookTarget.KindName, _discord.WebhookUrl()), maxItems: maxItems);

    private void AdvanceTo(int day, int hour) => _h.Time.SetUtcNow(new DateTimeOffset(2026, 11, day, hour, 0, 0, TimeSpan.Zero));

    private static Action<IServiceCollection> CrashingAfterPost(int part) => services =>
        services.AddSingleton<IDigestSender>(sp => new CrashAfterPostSender(ActivatorUtilities.CreateInstance<DiscordWebhookDigestSender>(sp), part));

    [Fact]
    public async Task A_POST_that_landed_before_a_crash_is_not_sent_again_and_its_papers_come_in_the_next_digest()
    {
        using var crashing = _h.Restart(extra: CrashingAfterPost(0));
        var sub = Subscribe(crashing);
        var ids = crashing.AddPapers(TestPaper.About("speculative decoding"));
        AdvanceTo(25, 9);

        var delivery = Assert.Single(await crashing.RunAsync());

        Assert.Equal(DigestDeliveryOutcome.InDoubt, delivery.Outcome);
        Assert.Single(_discord.Posted);

        // The restarted server, with a sender that works, does not re-send it.
        using var restarted = _h.Restart();
        _h.Time.Advance(TimeSpan.FromHours(1));
        Assert.Empty(await restarted.RunAsync());
        Assert.Single(_discord.Posted);
        Assert.Equal(DigestOutboxState.InDoubt, Assert.Single(restarted.Outbox.Recent(sub.Id, 5)).State);

        // Its papers were not confirmed delivered, so the next digest lists them again rather than losing them.
        AdvanceTo(26, 9);
        Assert.Equal(DigestDeliveryOutcome.Sent, Assert.Single(await restarted.RunAsync()).Outcome);
        Assert.Equal(2, _discord.Posted.Count);
        Assert.Contains(ids[0], _discord.Posted[1].Body.GetProperty("embeds")[0].GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kill_during_the_second_part_resumes_nothing_that_may_have_landed_and_never_repeats_the_first()
    {
        var sub = Subscribe(_h, maxItems: 30);
        _h.AddPapers(Enumerable.Range(0, 30).Select(i => TestPaper.About("sparse attention", i)).ToArray());
        AdvanceTo(25, 9);
        _discord.Script(Scripted.Ok, Scripted.Hang);

        using var kill = new CancellationTokenSource();
        var run = _h.RunAsync(cancellationToken: kill.Token);
        await _discord.HangReached.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await kill.CancelAsync(); // the process dies with part 2's POST in flight
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Single(_discord.Posted);

        using var restarted = _h.Restart();
        Assert.DoesNotContain(await restarted.RunAsync(), d => d.Outcome != DigestDeliveryOutcome.Skipped); // the dead process's lease still holds
        _h.Time.Advance(TimeSpan.FromSeconds(301));
        var resumed = Assert.Single(await restarted.RunAsync());

        Assert.Equal(DigestDeliveryOutcome.InDoubt, resumed.Outcome);
        Assert.Contains("part 2 of", resumed.Detail, StringComparison.Ordinal);
        Assert.Single(_discord.Posted); // part 1 once; part 2 possibly once (in flight); nothing twice
        Assert.Equal(2, _discord.Requests.Count);
        Assert.Equal(DigestOutboxState.InDoubt, Assert.Single(restarted.Outbox.Recent(sub.Id, 5)).State);
    }

    [Fact]
    public async Task A_process_killed_after_claiming_but_before_posting_is_taken_over_after_its_lease_and_posted_once()
    {
        var sub = Subscribe(_h);
        _h.AddPapers(TestPaper.About("model merging"));
        AdvanceTo(25, 9);
        // The dead process composed the digest, claimed it, and died before its first POST.
        var composer = _h.Provider.GetRequiredService<DigestComposer>();
        var content = await composer.ComposeAsync(sub.Filters, sub.CoveredUntil, _h.Time.GetUtcNow(), CancellationToken.None);
        Assert.True(_h.Outbox.Enqueue(sub.Id, _h.Time.GetUtcNow(), content, postIt: true, _h.Time.GetUtcNow()));
        var entry = Assert.Single(_h.Outbox.Recent(sub.Id, 1));
        Assert.True(_h.Outbox.TryClaim(entry.Id, "dead-process", _h.Time.GetUtcNow(), _h.Time.GetUtcNow().AddSeconds(300)));

        using var restarted = _h.Restart();
        Assert.Empty(await restarted.RunAsync()); // its lease still holds: left alone
        Assert.Empty(_discord.Requests);

        _h.Time.Advance(TimeSpan.FromSeconds(301));
        Assert.Equal(DigestDeliveryOutcome.Sent, Assert.Single(await restarted.RunAsync()).Outcome);
        Assert.Empty(await restarted.RunAsync());
        Assert.Single(_discord.Posted);
    }

    [Fact]
    public async Task Two_processes_running_the_same_due_digest_at_once_post_it_once()
    {
        Subscribe(_h);
        _h.AddPapers(TestPaper.About("speech recognition"), TestPaper.About("protein folding"));
        AdvanceTo(25, 9);
        using var other = _h.Restart();

        await Task.WhenAll(_h.RunAsync(), other.RunAsync());

        Assert.Single(_discord.Posted);
        Assert.Equal(1, _h.Scalar("SELECT COUNT(*) FROM digest_outbox"));
    }

    [Fact]
    public async Task A_target_kind_with_no_sender_in_this_build_fails_clearly_and_is_not_dropped_silently()
    {
        var sub = _h.Subscribe(new DigestTarget(TeamsConversationTarget.KindName, "19:abc@thread.tacv2"));
        _h.AddPapers(TestPaper.About("agents"));
        AdvanceTo(25, 9);

        var delivery = Assert.Single(await _h.RunAsync());

        Assert.Equal(DigestDeliveryOutcome.Failed, delivery.Outcome);
        Assert.Contains("no sender for teams-conversation", delivery.Detail, StringComparison.Ordinal);
        var row = Assert.Single(_h.Outbox.Recent(sub.Id, 1));
        Assert.Equal(DigestOutboxState.Failed, row.State);
        Assert.Contains("no sender", row.LastError, StringComparison.Ordinal);
        Assert.True(_h.Subscriptions.Get(sub.Id)!.Active);
    }
}
