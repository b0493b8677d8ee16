using System.Text.RegularExpressions;
using PaperBot.Core.Text;

namespace PaperBot.Core.Answering;

/// <summary>
/// A long question cut in two where its words allow (a comma, a dash, a clause word such as "by", "so", "where",
/// "instead of"), each half holding about as many content words. A question that describes one paper in other words
/// describes it twice over: each half alone is still closest to that paper. One about something the corpus lacks
/// finds the paper it is near through one half only (the field's common words), the other half elsewhere.
/// </summary>
public static class QuestionHalves
{
    // Words that open a clause or a phrase of their own: a cut before them keeps each half readable on its own.
    private static readonly HashSet<string> ClauseWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "by", "so", "where", "when", "while", "whereas", "instead", "rather", "but", "which", "whose", "that", "and", "or",
        "with", "without", "using", "via", "then", "because", "since", "after", "before", "until", "unless", "though",
        "although", "if", "whether", "how", "why", "what", "to", "for",
    };

    /// <summary>The two halves, or none when the question has fewer than <paramref name="minContentWords"/> content
    /// words (a short question is about one thing; it has no halves to agree).</summary>
    public static IReadOnlyList<string> Of(string question, int minContentWords)
    {
        var words = WordPattern.Matches(question ?? "").ToList();
        var content = words.Select(w => IsContent(w.Value)).ToList();
        var total = content.Count(c => c);
        if (minContentWords <= 0 || total < Math.Max(minContentWords, 2))
        {
            return [];
        }
        // A cut before word i: content words to its left, and whether punctuation or a clause word marks it.
        var best = (Index: -1, Marked: false, Distance: int.MaxValue);
        var left = 0;
        var least = Math.Max(2, total / 3);
        for (var i = 1; i < words.Count; i++)
        {
            left += content[i - 1] ? 1 : 0;
            if (left < least || total - left < least)
            {
                continue;
            }
            var gap = question![(words[i - 1].Index + words[i - 1].Length)..words[i].Index];
            var marked = gap.IndexOfAny([',', ';', ':', '(', ')', '—', '–']) >= 0 || gap.Contains(" - ", StringComparison.Ordinal)
                || ClauseWords.Contains(words[i].Value);
            var distance = Math.Abs(2 * left - total);
            // A marked cut near the middle beats an unmarked one at it; among cuts alike, the one nearer the middle.
            if ((marked && !best.Marked) || (marked == best.Marked && distance < best.Distance))
            {
                best = (i, marked, distance);
            }
        }
        if (best.Index < 0)
        {
            return [];
        }
        var cut = words[best.Index].Index;
        return [question![..cut].Trim(' ', ',', ';', ':', '-', '—', '–'), question[cut..].Trim(' ', ',', ';', ':', '-', '—', '–', '?', '.')];
    }

    private static bool IsContent(string word) => Tokenizer.Words(word).Any(w => !Tokenizer.IsStopWord(w));

    // Read once per question, so interpreted and built on first use (docs/contributing.md, "Regular expressions").
    private static Regex WordPattern => field ??= new(@"[\p{L}\p{N}][\p{L}\p{N}'’\-]*");
}
