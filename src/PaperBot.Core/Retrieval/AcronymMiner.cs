using System.Text.RegularExpressions;

namespace PaperBot.Core.Retrieval;

/// <summary>
/// Finds acronym definitions of the form "long form (SHORT)" in titles and abstracts. The long form is the
/// shortest run of preceding words whose letters spell the acronym in order, with the acronym's first letter
/// starting a word (the matching rule of Schwartz and Hearst's abbreviation finder).
/// </summary>
public static partial class AcronymMiner
{
    public static IReadOnlyList<Acronym> Mine(string text)
    {
        var found = new List<Acronym>();
        foreach (Match m in Parenthesised().Matches(text))
        {
            var shortForm = m.Groups["short"].Value;
            if (shortForm.Length > 2 && shortForm[^1] == 's' && char.IsUpper(shortForm[^2]))
            {
                shortForm = shortForm[..^1]; // "PRMs" defines PRM
            }
            if (shortForm.Count(char.IsUpper) < 2 || !char.IsLetter(shortForm[0]))
            {
                continue;
            }
            var letters = shortForm.Count(char.IsLetterOrDigit);
            var words = LastWords(text, m.Index, Math.Min(letters + 5, letters * 2));
            if (words.Count == 0)
            {
                continue;
            }
            var candidate = string.Join(' ', words);
            if (LongFormFor(shortForm, candidate) is { } longForm && Acronym.Key(longForm) != Acronym.Key(shortForm))
            {
                found.Add(new Acronym(shortForm, longForm));
            }
        }
        return found.DistinctBy(a => (a.ShortKey, a.LongKey)).ToList();
    }

    /// <summary>Matches the acronym's characters right to left against the candidate text; null when they do not fit.</summary>
    internal static string? LongFormFor(string shortForm, string candidate)
    {
        var s = shortForm.Length - 1;
        var l = candidate.Length - 1;
        while (s >= 0)
        {
            var c = char.ToLowerInvariant(shortForm[s]);
            if (!char.IsLetterOrDigit(c))
            {
                s--;
                continue;
            }
            while (l >= 0 && (char.ToLowerInvariant(candidate[l]) != c || (s == 0 && l > 0 && char.IsLetterOrDigit(candidate[l - 1]))))
            {
                l--;
            }
            if (l < 0)
            {
                return null;
            }
            l--;
            s--;
        }
        var longForm = candidate[(l + 1)..].Trim();
        var wordCount = Text.Tokenizer.Words(longForm).Count;
        // A long form of one word is a spelling variant ("Mixtral (MIXTRAL)"), not a definition.
        return wordCount < 2 ? null : longForm.TrimEnd(',', ';', ':');
    }

    [GeneratedRegex(@"\((?<short>[A-Za-z][A-Za-z0-9\-]{1,11})s?\)")]
    private static partial Regex Parenthesised();

    /// <summary>
    /// Up to <paramref name="count"/> whitespace-separated words just before <paramref name="end"/>, in text order.
    /// Read backwards, so an abstract with many parentheses is not split into words once per parenthesis.
    /// </summary>
    private static List<string> LastWords(string text, int end, int count)
    {
        var words = new List<string>(count);
        var at = end;
        while (words.Count < count)
        {
            while (at > 0 && char.IsWhiteSpace(text[at - 1]))
            {
                at--;
            }
            if (at == 0)
            {
                break;
            }
            var wordEnd = at;
            while (at > 0 && !char.IsWhiteSpace(text[at - 1]))
            {
                at--;
            }
            words.Add(text[at..wordEnd]);
        }
        words.Reverse();
        return words;
    }
}
