using Microsoft.Extensions.Options;
using PaperBot.Core.Embeddings;

namespace PaperBot.Host.Embeddings;

/// <summary>
/// The server's embedding job: embeds papers without vectors in <c>seq</c> order, committing as it goes (a restart
/// resumes), then watches for papers an ingest adds, and now and then removes stale vectors
/// (<see cref="PaperEmbeddingIndex.RemoveStale"/>). Questions do not wait for it: until it is done they are ranked
/// with the vectors that exist and the other rankings, and the abstention rule is the keyword rule.
/// </summary>
public sealed class EmbeddingBackgroundService(
    PaperEmbeddingIndex index,
    IOptions<EmbeddingOptions> options,
    TimeProvider time,
    ILogger<EmbeddingBackgroundService> logger) : BackgroundService
{
    private static readonly TimeSpan StaleSweepInterval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting (migrations, the first ingest) before taking the CPU.
        await Task.Yield();
        var progress = new Progress<EmbeddingProgress>(p =>
        {
            if (p.Total >= 100 && p.Done > 0 && (p.Done % 1000 < 32 || p.Done == p.Total))
            {
                logger.LogInformation("Embedding papers with {Model}: {Done}/{Total}", p.Model, p.Done, p.Total);
            }
        });
        var nextSweep = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (index.Available)
            {
                try
                {
                    await index.EmbedMissingAsync(progress, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    index.ReportFailure(e);
                }
                // Stale vectors (older texts, other models) are swept now and then, not every poll: the shared sweep reads
                // every paper's content hash. A failed sweep is no failure of the model: it is logged and tried later.
                if (time.GetUtcNow() >= nextSweep)
                {
                    nextSweep = time.GetUtcNow() + StaleSweepInterval;
                    try
                    {
                        index.RemoveStale();
                    }
                    catch (System.Data.Common.DbException e)
                    {
                        logger.LogWarning("Removing stale vectors failed: {Error}", e.Message);
                    }
                }
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(options.Value.BackgroundPollSeconds), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
