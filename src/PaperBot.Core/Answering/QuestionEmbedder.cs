using PaperBot.Core.Embeddings;
using PaperBot.Core.Retrieval;

namespace PaperBot.Core.Answering;

/// <summary>
/// The question's embedding for the dense ranking, when an embedding model is configured and not resting after a
/// failure (papers an ingest added are embedded first); null otherwise. The embedding service is an extra: whatever
/// it throws, the question is still answered from keywords and the corpus vectors.
/// </summary>
public sealed class QuestionEmbedder(PaperSearcher searcher, PaperEmbeddingIndex? embeddings = null)
{
    public async Task<QueryEmbedding?> EmbedAsync(string question, CancellationToken cancellationToken)
    {
        if (embeddings is not { Available: true } || string.IsNullOrWhiteSpace(question))
        {
            return null;
        }
        try
        {
            await embeddings.EnsureEmbeddedAsync(cancellationToken);
            var (ranked, asWritten) = searcher.DenseQueryTexts(question);
            return await embeddings.EmbedQueryAsync(ranked, asWritten, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Refused, timed out, circuit open, bad body: keywords and the corpus vectors still answer, and the next
            // questions skip the service for a while.
            embeddings.ReportFailure(e);
            return null;
        }
    }
}
