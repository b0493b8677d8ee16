using PaperBot.Core.Digest;
using PaperBot.Core.Papers;

namespace PaperBot.Core.Llm;

/// <summary>
/// The digest's two sentences per paper from the model (the summarize_paper prompt). When the model fails, times out
/// or answers nothing, the extractive summary stands in: a digest never fails because the model did.
/// </summary>
public sealed class LlmDigestPaperSummarizer(PaperSummarizer model) : IPaperSummarizer
{
    public async Task<string> SummarizeAsync(Paper paper, CancellationToken cancellationToken) =>
        await model.SummarizePaperAsync(paper, cancellationToken) ?? ExtractiveSummarizer.Summarize(paper.Abstract);
}
