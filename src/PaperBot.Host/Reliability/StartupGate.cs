namespace PaperBot.Host.Reliability;

/// <summary>
/// Lets a background worker wait until every hosted service has started (database migrated, corpus ingested). Without
/// a host (the one-shot CLI verbs build the same services) there is nothing to wait for.
/// </summary>
public static class StartupGate
{
    public static Task WhenStartedAsync(IHostApplicationLifetime? lifetime, CancellationToken stoppingToken)
    {
        if (lifetime is null || lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        var stopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        return started.Task.ContinueWith(t =>
        {
            registration.Dispose();
            stopping.Dispose();
            return t;
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Unwrap();
    }
}
