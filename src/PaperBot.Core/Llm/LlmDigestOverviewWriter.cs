using PaperBot.Core.Digest;
using PaperBot.Core.Papers;

namespace PaperBot.Core.Llm;

/// <summary>
/// The digest's opening paragraph from the model (the summarize_digest prompt), its citations checked against the
/// digest's papers: an invented number is dropped, and a reply that cites none of them is no overview at all.
/// </summary>
public sealed class LlmDigestOverviewWriter(PaperSummarizer model) : IDigestOverviewWriter
{
    public async Task<string?> WriteAsync(string period, IReadOnlyList<Paper> papers, CancellationToken cancellationToken)
    {
        var sentences = await model.SummarizeDigestAsync(period, papers, cancellationToken);
        return sentences is { Count: > 0 } ? string.Join(' ', sentences.Select(s => s.Render())) : null;
    }
}
