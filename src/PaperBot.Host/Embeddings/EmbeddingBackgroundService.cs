using Microsoft.Extensions.Options;
using PaperBot.Core.Embeddings;

namespace PaperBot.Host.Embeddings;

/// <summary>
/// The server's embedding job: embeds papers without vectors in <c>seq</c> order, committing as it goes (a restart
/// resumes), then watches for papers an ingest adds. Questions do not wait for it: until it is done they are ranked
/// with the vectors that exist and the other rankings, and the abstention rule is the keyword rule.
/// </summary>
public sealed class EmbeddingBackgroundService(
    PaperEmbeddingIndex index,
    IOptions<EmbeddingOptions> options,
    TimeProvider time,
    ILogger<EmbeddingBackgroundService> logger) : BackgroundService
{
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
