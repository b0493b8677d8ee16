using PaperBot.Core.Retrieval;

namespace PaperBot.Host.Server;

/// <summary>
/// Trains the corpus vectors and warms the search path in the background once the server is up, so the first
/// person to ask does not wait about a second for it. A question that arrives sooner waits for the same training.
/// <c>/readyz</c> reports ready only once this has finished.
/// </summary>
public sealed class RetrievalWarmUpService(PaperSearcher searcher, ILogger<RetrievalWarmUpService> logger) : BackgroundService
{
    private volatile bool _warm;
    private volatile string? _failure;

    public bool IsWarm => _warm;

    /// <summary>Why the warm-up failed, if it did.</summary>
    public string? Failure => _failure;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        try
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            searcher.Search("language models", 1);
            _warm = true;
            logger.LogInformation("Retrieval warmed up in {Milliseconds} ms", started.ElapsedMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failed warm-up costs only the first question's speed; that question reports any real fault itself.
            _failure = e.Message;
            logger.LogWarning(e, "Retrieval warm-up failed");
        }
    }, stoppingToken);
}
