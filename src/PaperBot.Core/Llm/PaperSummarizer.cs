using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperBot.Core.Answering;
using PaperBot.Core.Papers;

namespace PaperBot.Core.Llm;

/// <summary>
/// Two-sentence paper summaries and digest overviews through the model. Registered only when a provider is
/// configured (resolve it with GetService); returns null on any failure so callers keep their non-LLM text.
/// </summary>
public sealed class PaperSummarizer(PromptRunner runner, PromptLibrary prompts, IOptions<LlmOptions> options, TimeProvider time, ILogger<PaperSummarizer> logger)
{
    public async Task<string?> SummarizePaperAsync(Paper paper, CancellationToken cancellationToken = default)
    {
        var text = await RunAsync(PromptLibrary.SummarizePaper, new SummarizePaperPromptInput(paper).ToArguments(), cancellationToken);
        return string.IsNullOrWhiteSpace(text) ? null : Trim(text);
    }

    /// <summary>The digest's opening paragraph with its citations checked against the papers given; null when unusable.</summary>
    public async Task<IReadOnlyList<AnswerSentence>?> SummarizeDigestAsync(string period, IReadOnlyList<Paper> papers, CancellationToken cancellationToken = default)
    {
        if (papers.Count == 0)
        {
            return null;
        }
        var text = await RunAsync(PromptLibrary.SummarizeDigest, new SummarizeDigestPromptInput(period, papers).ToArguments(), cancellationToken);
        if (text is null)
        {
            return null;
        }
        // Citations keep the digest's own numbering, so they are checked but not renumbered here.
        var checker = new ModelReplyChecker(papers.Count, prompts.SystemText(PromptLibrary.SummarizeDigest), options.Value.MaxAnswerCharacters);
        checker.Feed(text);
        var (reply, _) = checker.Complete();
        return reply.Verdict == ReplyVerdict.Answered
            ? reply.Sentences.Select(s => s with { Citations = s.Citations.Select(n => reply.CitedEvidence[n - 1]).ToList() }).ToList()
            : null;
    }

    private async Task<string?> RunAsync(string prompt, Microsoft.SemanticKernel.KernelArguments arguments, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(options.Value.TimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return (await runner.CompleteAsync(prompt, arguments, linked.Token)).Text;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("LLM {Prompt} failed ({Error}: {Message})", prompt, e.GetType().Name, e.Message);
            return null;
        }
    }

    private string Trim(string text)
    {
        var max = options.Value.MaxAnswerCharacters;
        var trimmed = text.Trim();
        if (trimmed.Length <= max)
        {
            return trimmed;
        }
        var cut = trimmed.LastIndexOf(' ', max - 1);
        return trimmed[..(cut > 0 ? cut : max)] + "…";
    }
}
