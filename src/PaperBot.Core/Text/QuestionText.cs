using System.Text;

namespace PaperBot.Core.Text;

/// <summary>
/// The part of a question that is read. The question-reading rules are many regular expressions and word scans, each
/// linear or close to it on a question's few hundred characters, but some are not on pasted text: 100,000 letters in one
/// token ran for minutes, 10,000 repeated words for seconds. No question needs more than <see cref="MaxLength"/>
/// characters (the tuning sets' longest is under 250), and no word of a paper is longer than <see cref="MaxWordLength"/>
/// (the corpus's longest is 24), so a longer question is read up to the last word that fits, and a longer word as its
/// first <see cref="MaxWordLength"/> letters: it is no paper's word either way.
/// </summary>
public static class QuestionText
{
    public const int MaxLength = 1000;

    public const int MaxWordLength = 64;

    /// <summary>The question trimmed, each run of letters and digits cut to <see cref="MaxWordLength"/>, then cut after its
    /// last word within <see cref="MaxLength"/> characters; a question within both is returned as it is.</summary>
    public static string Bounded(string? question)
    {
        var text = (question ?? "").Trim();
        if (LongestRun(text) > MaxWordLength)
        {
            text = CutLongWords(text);
        }
        if (text.Length > MaxLength)
        {
            var cut = MaxLength;
            // Not between the halves of a surrogate pair, and at a space when there is one in the second half.
            if (char.IsLowSurrogate(text[cut]))
            {
                cut--;
            }
            var space = text.LastIndexOfAny([' ', '\t', '\n', '\r'], cut);
            text = (space > MaxLength / 2 ? text[..space] : text[..cut]).TrimEnd();
        }
        return text;
    }

    private static int LongestRun(string text)
    {
        int longest = 0, run = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            run = IsWordRune(rune) ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }

    private static string CutLongWords(string text)
    {
        var sb = new StringBuilder(text.Length);
        var run = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            run = IsWordRune(rune) ? run + 1 : 0;
            if (run <= MaxWordLength)
            {
                sb.Append(rune.ToString());
            }
        }
        return sb.ToString();
    }

    // A letter, a digit or a mark inside a word: what the tokenizer keeps together (Tokenizer.Words).
    private static bool IsWordRune(Rune rune) => Rune.IsLetterOrDigit(rune)
        || Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.LetterNumber
            or System.Globalization.UnicodeCategory.OtherNumber;
}
