using Microsoft.Extensions.Options;

namespace PaperBot.Host.Channels.Discord.Commands;

/// <summary>A sliding window of questions per Discord user, so one person cannot monopolise the answerer.</summary>
public sealed class UserQuestionLimiter(TimeProvider time, IOptions<DiscordOptions> options)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> recent = [];

    /// <summary>Takes one question from the user's allowance; when none is left, says how long until one frees up.</summary>
    public bool TryAcquire(string userId, out TimeSpan retryAfter)
    {
        var window = options.Value.UserRateLimitWindow;
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (recent.Count > 10_000)
            {
                Prune(now - window);
            }
            if (!recent.TryGetValue(userId, out var times))
            {
                times = new Queue<DateTimeOffset>();
                recent[userId] = times;
            }
            while (times.Count > 0 && times.Peek() <= now - window)
            {
                times.Dequeue();
            }
            if (times.Count >= options.Value.UserQuestionLimit)
            {
                retryAfter = times.Peek() + window - now;
                return false;
            }
            times.Enqueue(now);
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    private void Prune(DateTimeOffset cutoff)
    {
        foreach (var key in recent.Where(p => p.Value.Count == 0 || p.Value.Last() <= cutoff).Select(p => p.Key).ToList())
        {
            recent.Remove(key);
        }
    }

    public static string SlowDownMessage(TimeSpan retryAfter) =>
        $"You're asking faster than I can keep up with. Please try again in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} s.";
}
