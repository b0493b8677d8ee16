using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace PaperBot.Host.Web;

/// <summary>
/// A sliding window of questions (and login attempts) per person, the same allowance Discord gives, so one browser
/// cannot monopolise the answerer or try tokens quickly.
/// </summary>
public sealed class WebQuestionLimiter(IOptions<WebOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(user =>
        RateLimitPartition.GetSlidingWindowLimiter(user, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.Value.QuestionLimit,
            Window = options.Value.QuestionWindow,
            SegmentsPerWindow = 6,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Takes one from the person's allowance; when none is left, says roughly how long until one frees up.</summary>
    public bool TryAcquire(string user, out TimeSpan retryAfter)
    {
        using var lease = limiter.AttemptAcquire(user);
        retryAfter = lease.IsAcquired ? TimeSpan.Zero
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after
            : options.Value.QuestionWindow / 6;
        return lease.IsAcquired;
    }

    public static string SlowDownMessage(TimeSpan retryAfter) =>
        $"You're asking faster than I can keep up with. Please try again in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} s.";

    public void Dispose() => limiter.Dispose();
}
