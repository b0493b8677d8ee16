namespace PaperBot.Host.Channels.Teams;

/// <summary>Runs queued turns through the adapter: one consumer per lane of the <see cref="TeamsTurnQueue"/>.</summary>
public sealed class TeamsTurnWorker(TeamsTurnQueue queue, TeamsAdapter adapter) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, queue.LaneCount).Select(lane => ConsumeAsync(lane, stoppingToken)));

    private async Task ConsumeAsync(int lane, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var turn in queue.Lane(lane).ReadAllAsync(stoppingToken))
            {
                await adapter.ProcessAsync(turn, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }
}
