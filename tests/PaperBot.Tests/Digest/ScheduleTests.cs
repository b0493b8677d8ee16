using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PaperBot.Core.Digest;
using PaperBot.Host.Digest;
using PaperBot.Host.Digest.Discord;

namespace PaperBot.Tests.Digest;

/// <summary>Cron in IANA time zones, daylight saving, catch-up arithmetic, and the scheduler waking on the fake clock.</summary>
public sealed class ScheduleTests
{
    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void The_default_schedule_is_nine_in_the_morning_UTC()
    {
        var schedule = DigestSchedule.Create(null, null);

        Assert.Equal("0 9 * * *", schedule.Cron);
        Assert.Equal("UTC", schedule.TimeZone);
        Assert.Equal(Utc(2026, 11, 25, 9), schedule.NextAfter(Utc(2026, 11, 25, 7)));
        Assert.Equal(Utc(2026, 11, 26, 9), schedule.NextAfter(Utc(2026, 11, 25, 9)));
    }

    [Fact]
    public void Nine_oclock_in_Berlin_follows_daylight_saving()
    {
        var schedule = DigestSchedule.Create("0 9 * * *", "Europe/Berlin");

        Assert.Equal(Utc(2026, 1, 15, 8), schedule.NextAfter(Utc(2026, 1, 15, 0)));  // CET, UTC+1
        Assert.Equal(Utc(2026, 7, 15, 7), schedule.NextAfter(Utc(2026, 7, 15, 0)));  // CEST, UTC+2
        // The night clocks go forward (29 March 2026) and back (25 October 2026).
        Assert.Equal(Utc(2026, 3, 29, 7), schedule.NextAfter(Utc(2026, 3, 29, 0)));
        Assert.Equal(Utc(2026, 10, 25, 8), schedule.NextAfter(Utc(2026, 10, 25, 0)));
    }

    [Fact]
    public void A_time_skipped_by_the_spring_change_still_fires_once_that_day()
    {
        var schedule = DigestSchedule.Create("30 2 * * *", "Europe/Berlin");

        var due = schedule.NextAfter(Utc(2026, 3, 28, 23));

        Assert.NotNull(due);
        Assert.Equal(new DateOnly(2026, 3, 29), DateOnly.FromDateTime(due.Value.UtcDateTime));
        Assert.Equal(Utc(2026, 3, 30, 0, 30), schedule.NextAfter(due.Value));
    }

    [Fact]
    public void After_a_long_outage_only_the_latest_missed_time_is_due()
    {
        var daily = DigestSchedule.Create("0 9 * * *", "America/New_York");
        Assert.Equal(Utc(2026, 11, 30, 14), daily.LatestDue(Utc(2026, 11, 20, 14), Utc(2026, 11, 30, 15)));
        Assert.Null(daily.LatestDue(Utc(2026, 11, 30, 14), Utc(2026, 11, 30, 20)));

        var everyMinute = DigestSchedule.Create("* * * * *", "UTC");
        Assert.Equal(Utc(2027, 11, 30, 15), everyMinute.LatestDue(Utc(2026, 11, 30, 15), Utc(2027, 11, 30, 15)));

        var yearly = DigestSchedule.Create("0 9 1 1 *", "UTC");
        Assert.Equal(Utc(2027, 1, 1, 9), yearly.LatestDue(Utc(2026, 6, 1, 0), Utc(2027, 11, 30, 15)));
    }

    [Theory]
    [InlineData("0 9 * *", "UTC", "not a five-field cron")]
    [InlineData("61 9 * * *", "UTC", "not a five-field cron")]
    [InlineData("0 9 * * *", "Europe/Atlantis", "not a known IANA time zone")]
    [InlineData("0 9 31 2 *", "UTC", "never falls due")]
    public void Bad_schedules_are_refused_with_a_reason(string cron, string tz, string reason)
    {
        Assert.Null(DigestSchedule.TryCreate(cron, tz, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_New_York_subscription_is_sent_at_nine_New_York_time_not_before()
    {
        using var h = new DigestHarness();
        await using var discord = await FakeDiscordWebhookServer.StartAsync();
        h.Subscribe(new DigestTarget(DiscordWebhookTarget.KindName, discord.WebhookUrl()), tz: "America/New_York");
        h.AddPapers(TestPaper.About("planning"));

        h.Time.SetUtcNow(Utc(2026, 11, 25, 13, 59));
        Assert.Empty(await h.RunAsync());
        h.Time.SetUtcNow(Utc(2026, 11, 25, 14));
        var delivery = Assert.Single(await h.RunAsync());

        Assert.Equal(Utc(2026, 11, 25, 14), delivery.PeriodAt);
        Assert.Single(discord.Posted);
    }

    [Fact]
    public async Task The_scheduler_sleeps_on_the_injected_clock_and_sends_when_the_time_comes()
    {
        using var h = new DigestHarness(new Dictionary<string, string?> { ["Digest:PollSeconds"] = "600" });
        await using var discord = await FakeDiscordWebhookServer.StartAsync(() => h.Time.GetUtcNow());
        h.Subscribe(new DigestTarget(DiscordWebhookTarget.KindName, discord.WebhookUrl()));
        h.AddPapers(TestPaper.About("world models"));
        var scheduler = h.Provider.GetServices<IHostedService>().OfType<DigestScheduler>().Single();
        await scheduler.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.TrueAsync(() => scheduler.Passes >= 1, "the scheduler's first pass");
            // Move the clock on a minute at a time (a second at a time from 09:00) until the digest arrives.
            var nine = Utc(2026, 11, 25, 9);
            await Eventually.TrueAsync(() => !discord.Requests.IsEmpty, () => $"a digest (none by {h.Time.GetUtcNow():u})",
                eachRound: () => h.Time.Advance(h.Time.GetUtcNow() < nine ? TimeSpan.FromMinutes(1) : TimeSpan.FromSeconds(1)));
            var posted = Assert.Single(discord.Posted);
            Assert.InRange(posted.At, nine, nine.AddMinutes(1));
            Assert.True(scheduler.Passes >= 3, $"{scheduler.Passes} passes"); // it woke before 09:00 too, and found nothing due
        }
        finally
        {
            await scheduler.StopAsync(CancellationToken.None);
        }
    }
}
