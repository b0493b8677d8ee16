using Microsoft.Extensions.Options;
using PaperBot.Core.Digest;

namespace PaperBot.Host.Digest;

/// <summary>
/// Runs in <c>paperbot serve</c>: applies configured subscriptions, then sends what is due whenever something falls
/// due, waking at least every Digest:PollSeconds to notice new subscriptions and retries. Every wait is on the
/// injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class DigestScheduler(
    DigestDispatcher dispatcher,
    DigestConfiguredSubscriptions configured,
    TimeProvider time,
    IOptions<DigestOptions> options,
    ILogger<DigestScheduler> logger) : BackgroundService
{
    /// <summary>Completed passes, for tests and diagnostics.</summary>
    public int Passes => _passes;

    private int _passes;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        configured.Apply();
        if (!options.Value.Enabled)
        {
            logger.LogInformation("The digest scheduler is off (Digest:Enabled = false).");
            return;
        }
        var poll = TimeSpan.FromSeconds(options.Value.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatcher.RunDueAsync(null, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // One bad pass (a locked database, a broken summarizer) must not stop future digests.
                logger.LogError(e, "Digest pass failed; trying again later");
            }
            Interlocked.Increment(ref _passes);
            var now = time.GetUtcNow();
            var wait = dispatcher.NextDue() is { } next && next - now < poll ? next - now : poll;
            if (wait < TimeSpan.FromSeconds(1))
            {
                wait = TimeSpan.FromSeconds(1);
            }
            try
            {
                await Task.Delay(wait, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
