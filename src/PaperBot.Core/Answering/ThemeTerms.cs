using System.Text.RegularExpressions;
using PaperBot.Core.Text;

namespace PaperBot.Core.Answering;

/// <summary>
/// The terms a theme question is typed in: "model merging - what do we have?", "what work is there on neural architecture
/// search?", "sparse autoencoders for finding interpretable features…", "tree search + llms". A theme typed as a term of
/// the field is that term: the papers on it write its words together ("model merging"), and a paper writing them apart
/// ("merge" of program code in one sentence, "model" in another) is on something else. One term per alternative ("X or
/// Y"), the words that open it up to the first link word or punctuation, two to <see cref="MaxWords"/> content words;
/// an alternative opening with one content word has none (it is a word, not a term).
/// </summary>
public static class ThemeTerms
{
    // A run longer than this is a description ("brain inspired spiking networks running…"), not a term.
    private const int MaxWords = 4;

    /// <summary>The theme's words: the question without the request around it ("papers on", "- what do we have?",
    /// "anything about", a trailing "papers"/"stuff"); null when nothing is left.</summary>
    public static string? ThemeOf(string question)
    {
        var theme = TrailingRequest.Replace(question ?? "", "").Trim();
        if (LeadingRequest.Match(theme) is { Success: true } lead)
        {
            theme = theme[lead.Length..];
        }
        theme = TrailingListWord.Replace(theme, "").Trim().TrimEnd('?', '!', '.', ' ');
        return Tokenizer.ContentWords(theme).Count == 0 ? null : theme;
    }

    /// <summary>"is there a paper on X?", "anything about X", "what work is there on X?": the question opens with a request
    /// for papers on a theme, all of it in request words.</summary>
    /// <param name="several">Whether it asks for papers ("papers", "work", "anything"), not one ("a paper", "something").</param>
    public static bool OpensWithRequest(string question, out bool several)
    {
        several = false;
        if (LeadingRequest.Match(TrailingRequest.Replace(question ?? "", "").Trim()) is not { Success: true } m || !RequestNoun.IsMatch(m.Value))
        {
            return false;
        }
        several = !OneRequested.IsMatch(m.Value);
        return true;
    }

    // The request names what it asks for: papers, work, anything.
    private static Regex RequestNoun => field ??= new(@"\b(?:papers?|works?|research|studies|anything|something)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static Regex OneRequested => field ??= new(@"\b(?:a\s+paper|something)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>One entry per alternative of the theme (<see cref="CoordinatedSubjects"/>): its term in lower case, words
    /// joined by spaces (the parts of a hyphenated word by hyphens: "neural text-to-speech"), or null when the alternative opens with a single content word.</summary>
    /// <param name="writtenAsPhrase">As for <see cref="CoordinatedSubjects.Of"/>.</param>
    public static IReadOnlyList<string?> Of(string theme, Func<string, bool>? writtenAsPhrase = null)
    {
        // "continual learning: relation extraction, instruction tuning or pre-training": the theme is what opens it, and
        // the alternatives after the colon are its parts.
        var colon = theme.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && Tokenizer.ContentWords(theme[..colon]).Count > 0)
        {
            return [TermOpening(theme[..colon])];
        }
        var alternatives = CoordinatedSubjects.Of(theme, writtenAsPhrase) ?? [theme];
        return alternatives.Select(TermOpening).ToList();
    }

    /// <summary>The content words that open <paramref name="text"/>, up to the first stop word or punctuation other than a
    /// hyphen; null unless 2 to <see cref="MaxWords"/>.</summary>
    internal static string? TermOpening(string text)
    {
        var run = new List<string>();
        var unitsWritten = new List<string>();
        var units = 0;
        foreach (Match token in Token.Matches(text))
        {
            if (!token.Groups["word"].Success || token.Value.Contains('\'') || token.Value.Contains('’'))
            {
                break;
            }
            var words = Tokenizer.Words(token.Value);
            // "text-to-speech" is one word of the term, its "to" included; a stop word on its own ends the term.
            if (words.Count == 0 || words.All(Tokenizer.IsStopWord) || (words.Count == 1 && Tokenizer.IsStopWord(words[0])) || words.All(w => w.All(char.IsDigit)))
            {
                break;
            }
            if (words.Count == 1 && IsIngForm(words[0]))
            {
                // "learning robot behaviour from humans", "getting transformers to handle…": a verb opens a description,
                // not a term. "annotators disagreeing about labels": a verb after a plural noun ends the noun.
                if (units == 0)
                {
                    return null;
                }
                if (run[^1].EndsWith('s') && !run[^1].EndsWith("ss", StringComparison.Ordinal))
                {
                    break;
                }
            }
            run.AddRange(words);
            units++;
            unitsWritten.Add(string.Join('-', words));
        }
        return run.Count is >= 2 and <= MaxWords ? string.Join(' ', unitsWritten) : null;
    }

    /// <summary>"learning", "turning", "making": a word of five letters or more ending in -ing ("string" and "thing" are
    /// nouns too, but no term opens with them here).</summary>
    private static bool IsIngForm(string word) => word.Length >= 5 && word.EndsWith("ing", StringComparison.Ordinal);

    /// <summary>Whether <paramref name="theme"/> is nothing but its terms ("neural text-to-speech or voice cloning"): every
    /// content word of it is in one of them. "a paper on portrait animation from speech that fixes the jitter…" describes
    /// one paper, in words that may not be its own.</summary>
    public static bool OnlyTerms(string theme, IReadOnlyList<string?> terms)
    {
        var inTerms = terms.OfType<string>().SelectMany(t => t.Split(' ', '-')).ToHashSet(StringComparer.Ordinal);
        return inTerms.Count > 0 && Tokenizer.ContentWords(theme).All(inTerms.Contains);
    }

    // A word (letters, digits, hyphens, apostrophes inside), or any other mark that ends a run.
    private static Regex Token => field ??= new(@"(?<word>[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*)|[^\s\p{L}\p{N}]", RegexOptions.CultureInvariant);

    // "papers on", "is there anything about", "what work is there on", "do we have papers regarding": the request before
    // the theme, all of it in request words.
    private static Regex LeadingRequest => field ??= new(@"^\W*(?:(?:is|are|there|do|does|we|you|i|have|got|any|anything|something|some|a|the|papers?|works?|research|studies|what|what's|whats|which|here|in|recent|latest|list|corpus|collection|looking|for|seen|has|anyone)\s+)*?(?:on|about|regarding|covering|concerning|into)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // "- what do we have?", "- do we have any?", ", anything?", "- which papers?", "- got anything", "- any papers?".
    private static Regex TrailingRequest => field ??= new(@"\s*[-–—,:;]\s*(?:what\s+(?:do|did)\s+(?:we|you|i)\s+(?:have|got)|what\s+have\s+(?:we|you)\s+got|what\s+(?:does|did)\s+the\s+(?:list|corpus|collection)\s+(?:have|hold)|(?:do|did)\s+(?:we|you)\s+have\s+(?:any(?:thing)?|papers?)|(?:have\s+(?:we|you)\s+)?got\s+any(?:thing)?|which\s+papers|any(?:thing|\s+papers?)?(?:\s+(?:here|there))?|what(?:'s|’s|\s+is)\s+(?:there|here|in\s+here))(?:\s+(?:on|about)\s+(?:it|this|that))?\s*[?!.]*\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // "neural architecture search papers?", "medical stuff", "logical reasoning papers pls".
    private static Regex TrailingListWord => field ??= new(@"(?:\s+(?:papers?|work|research|studies|stuff|pls|please))+\s*[?!.]*\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
