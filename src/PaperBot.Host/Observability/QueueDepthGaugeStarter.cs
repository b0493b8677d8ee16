namespace PaperBot.Host.Observability;

/// <summary>Creates the queue-depth gauge when the server starts (observable instruments exist once constructed).</summary>
public sealed class QueueDepthGaugeStarter(QueueDepthGauge gauge) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(gauge);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
