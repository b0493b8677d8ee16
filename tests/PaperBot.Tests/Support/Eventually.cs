using Microsoft.Extensions.Time.Testing;

namespace PaperBot.Tests.Support;

/// <summary>
/// The one polling helper: waits for something another thread or process does, failing with a message that says
/// what never happened. The timeout is a backstop for a broken build, not part of what a test asserts.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        TrueAsync(condition, () => what, timeout);

    /// <summary>As above, with the failure message computed at the time of failure (to show what was seen instead).</summary>
    public static async Task TrueAsync(Func<bool> condition, Func<string> what, TimeSpan? timeout = null, Action? eachRound = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("Timed out waiting for: " + what());
            }
            eachRound?.Invoke();
            await Task.Delay(PollInterval);
        }
    }

    /// <summary>Async condition (an HTTP probe, say); returns once it holds.</summary>
    public static async Task ProbeAsync(Func<Task<bool>> condition, Func<string> what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("Timed out waiting for: " + what());
            }
            await Task.Delay(PollInterval);
        }
    }

    /// <summary>
    /// Moves a fake clock on by <paramref name="step"/> until <paramref name="work"/> completes, for code that waits on
    /// the clock (retries, timeouts, rate limits). Times the code records come from the fake clock, so a test can
    /// assert them exactly whatever the machine's load; only how many real milliseconds it takes varies.
    /// </summary>
    public static async Task<T> WhileAdvancingAsync<T>(Task<T> work, FakeTimeProvider time, TimeSpan step, TimeSpan? timeout = null)
    {
        await TrueAsync(() => work.IsCompleted, () => "the work to finish while the fake clock moves on", timeout, () => time.Advance(step));
        return await work;
    }

    public static async Task WhileAdvancingAsync(Task work, FakeTimeProvider time, TimeSpan step, TimeSpan? timeout = null)
    {
        await TrueAsync(() => work.IsCompleted, () => "the work to finish while the fake clock moves on", timeout, () => time.Advance(step));
        await work;
    }
}
