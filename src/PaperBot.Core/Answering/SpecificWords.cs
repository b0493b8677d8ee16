using PaperBot.Core.Retrieval;
using PaperBot.Core.Text;

namespace PaperBot.Core.Answering;

/// <summary>
/// The question's specific words: content words that at most <see cref="Share"/> of the papers use ("hacked" in "how do
/// reward models get hacked?", not "reward" or "models"). They say what the question is about, so the papers an answer
/// rests on should hold them and its sentences should carry them. Words that frame a question ("the main approaches
/// to…") are never specific, however rare.
/// </summary>
public static class SpecificWords
{
    /// <summary>One paper in twenty: "hacked" (6 of 452), "misalignment", "forgetting"; not "reward", "reasoning", "LLM".</summary>
    public const double Share = 0.05;

    private static readonly HashSet<string> Framing = new(StringComparer.Ordinal)
    {
        "main", "key", "major", "various", "different", "common", "typical", "approaches", "techniques", "ways", "strategies",
        "summarize", "summarise", "summary", "explain", "describe", "overview",
        // Who does it ("how do people reduce hallucination in RAG?"), not what.
        "people", "researchers", "folks", "practitioners",
    };

    /// <summary>The question's content words, without the words that frame it.</summary>
    public static IReadOnlyList<string> ContentOf(string question) =>
        Tokenizer.ContentWords(question).Where(w => !Framing.Contains(w)).ToList();

    /// <summary>Of <paramref name="words"/>, those the corpus uses (so not a typo or a name it lacks) in at most <see cref="Share"/> of its papers.</summary>
    public static IReadOnlyList<string> Of(IReadOnlyList<string> words, TermWeights weights)
    {
        var floor = weights.OfShare(Share);
        return words.Where(w => !Framing.Contains(w) && weights.IsKnown(w) && weights.Of(w) >= floor).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The summed weight of <paramref name="specific"/> words the text holds.</summary>
    public static double Held(IReadOnlyList<string> specific, TermWeights weights, IReadOnlySet<string> stems) =>
        specific.Where(w => stems.Contains(PorterStemmer.Stem(w))).Sum(weights.Of);
}
