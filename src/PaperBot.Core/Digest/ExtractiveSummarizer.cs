using PaperBot.Core.Papers;
using PaperBot.Core.Text;

namespace PaperBot.Core.Digest;

/// <summary>
/// Two sentences from the abstract, no LLM: the opening sentence (usually the problem) and the first sentence that
/// says what the paper does ("we propose", "we introduce", …), else the second sentence.
/// </summary>
public sealed class ExtractiveSummarizer : IPaperSummarizer
{
    public const int MaxSentenceLength = 320;

    private static readonly string[] ContributionCues =
        ["we propose", "we introduce", "we present", "we develop", "we show", "this paper", "this work", "in this paper", "our method", "we find", "we design"];

    public Task<string> SummarizeAsync(Paper paper, CancellationToken cancellationToken) => Task.FromResult(Summarize(paper.Abstract));

    public static string Summarize(string abstractText)
    {
        var sentences = SentenceSplitter.Split(abstractText.Trim()).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
        if (sentences.Count == 0)
        {
            return "";
        }
        var first = sentences[0];
        var second = sentences.Skip(1).FirstOrDefault(s => ContributionCues.Any(c => s.Contains(c, StringComparison.OrdinalIgnoreCase)))
                     ?? sentences.ElementAtOrDefault(1);
        var picked = second is null ? [first] : new[] { first, second };
        return string.Join(" ", picked.Select(Clip));
    }

    private static string Clip(string sentence)
    {
        if (sentence.Length <= MaxSentenceLength)
        {
            return sentence;
        }
        var cut = sentence.LastIndexOf(' ', MaxSentenceLength - 1);
        return sentence[..(cut > MaxSentenceLength / 2 ? cut : MaxSentenceLength - 1)].TrimEnd(',', ';', ':') + "…";
    }
}
