using PaperBot.Core.Papers;

namespace PaperBot.Core.Digest;

/// <summary>
/// Two sentences about a paper for the digest. <see cref="ExtractiveSummarizer"/> is the default; an LLM-backed
/// implementation (the summarize_paper prompt) replaces it by registering itself as this interface. Implementations
/// should fall back to extractive text on failure rather than throw: one paper must not stop a digest.
/// </summary>
public interface IPaperSummarizer
{
    Task<string> SummarizeAsync(Paper paper, CancellationToken cancellationToken);
}
