using PaperBot.Core.Digest;
using PaperBot.Tests.Digest;

namespace PaperBot.Tests.Integration;

/// <summary>The shared check of a target that is gone for good: one delivery at 09:00, then nothing the next day.</summary>
public static class GoneTargetRun
{
    public static readonly DateTimeOffset FirstMorning = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Runs the first digest and the next day's; asserts the subscription stopped with <paramref name="reason"/> and was not tried again.</summary>
    public static async Task AssertDeactivatedAsync(DigestHarness h, DigestSubscription subscription, string reason)
    {
        h.Time.SetUtcNow(FirstMorning);
        var delivery = Assert.Single(await h.RunAsync());
        h.AddPapers(TestPaper.About("more of the same"));
        h.Time.SetUtcNow(FirstMorning.AddDays(1));
        var nextDay = await h.RunAsync();

        Assert.Equal(DigestDeliveryOutcome.TargetGone, delivery.Outcome);
        var stopped = h.Subscriptions.Get(subscription.Id)!;
        Assert.False(stopped.Active);
        Assert.Contains(reason, stopped.DeactivatedReason, StringComparison.Ordinal);
        Assert.Empty(nextDay);
    }
}
