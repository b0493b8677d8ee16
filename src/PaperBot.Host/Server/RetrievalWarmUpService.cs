using PaperBot.Core.Embeddings;
using PaperBot.Core.Retrieval;

namespace PaperBot.Host.Server;

/// <summary>
/// Trains the corpus vectors, warms the search path and loads the embedding model in the background once the server
/// is up, so the first person to ask after a restart does not wait for them (about a second each on an idle machine,
/// far longer on a busy one, and inside that person's answer budget). A question that arrives sooner waits for the same
/// work. <c>/readyz</c> reports ready only once this has finished; a model that fails to load is reported by the index
/// and leaves the other rankings answering, as it does for a question.
/// </summary>
public sealed class RetrievalWarmUpService(PaperSearcher searcher, PaperEmbeddingIndex embeddings, ILogger<RetrievalWarmUpService> logger) : BackgroundService
{
    private volatile bool _warm;
    private volatile string? _failure;

    public bool IsWarm => _warm;

    /// <summary>Why the warm-up failed, if it did.</summary>
    public string? Failure => _failure;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(async () =>
    {
        try
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            searcher.Search("language models", 1);
            await embeddings.WarmUpAsync(stoppingToken);
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
