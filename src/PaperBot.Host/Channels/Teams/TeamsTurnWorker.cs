using Microsoft.Extensions.Options;

namespace PaperBot.Host.Channels.Teams;

/// <summary>Runs queued turns through the adapter, <c>Teams:TurnConcurrency</c> at a time.</summary>
public sealed class TeamsTurnWorker(TeamsTurnQueue queue, TeamsAdapter adapter, IOptions<TeamsOptions> options) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.TurnConcurrency).Select(_ => ConsumeAsync(stoppingToken)));

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var turn in queue.Reader.ReadAllAsync(stoppingToken))
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
