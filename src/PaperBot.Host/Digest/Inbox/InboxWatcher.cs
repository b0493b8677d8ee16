using Microsoft.Extensions.Options;

namespace PaperBot.Host.Digest.Inbox;

/// <summary>Scans the inbox folder every PaperBot:InboxPollSeconds in <c>paperbot serve</c>; off when PaperBot:Inbox is empty.</summary>
public sealed class InboxWatcher(InboxProcessor processor, TimeProvider time, IOptions<InboxOptions> options, ILogger<InboxWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (processor.Folder is null)
        {
            return;
        }
        logger.LogInformation("Watching {Folder} for new listing files", processor.Folder);
        var poll = TimeSpan.FromSeconds(options.Value.InboxPollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                processor.ProcessOnce(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Inbox scan failed; trying again later");
            }
            try
            {
                await Task.Delay(poll, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
