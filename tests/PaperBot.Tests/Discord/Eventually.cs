namespace PaperBot.Tests.Discord;

/// <summary>Polls for something that happens on another thread, failing with a message after a timeout.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("Timed out waiting for: " + what);
            }
            await Task.Delay(20);
        }
    }
}
