using Microsoft.Extensions.Time.Testing;

namespace PaperBot.Tests.Support;

/// <summary>
/// A FakeTimeProvider that counts the timers created on it. Every delay, timeout and retry wait in the app asks its
/// TimeProvider for a timer, so a new timer is an ordering barrier: the code got as far as waiting on the clock.
/// </summary>
public sealed class WatchedClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private int timersCreated;

    public int TimersCreated => Volatile.Read(ref timersCreated);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref timersCreated);
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
