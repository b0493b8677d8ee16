using System.Text.RegularExpressions;

namespace PaperBot.Core.Answering.Composition;

/// <summary>
/// The separate things one question asks about a paper: "the unsupervised style transfer paper - how many BLEU points did
/// it gain, and what is the model called?" asks two (a number, a name), each answered by its own sentence of the
/// abstract. The words that describe the paper ("the unsupervised style transfer paper") ask nothing.
/// </summary>
public static partial class QuestionAsks
{
    /// <summary>Each ask, in the question's order; a question with a single ask gives one, one with none gives none.</summary>
    public static IReadOnlyList<string> Of(string question)
    {
        var text = (question ?? "").Trim();
        var asks = new List<string>();
        var start = 0;
        foreach (Match cut in Cut().Matches(text))
        {
            Keep(text[start..cut.Index]);
            start = cut.Index + cut.Length;
        }
        Keep(text[start..]);
        return asks;

        void Keep(string part)
        {
            var ask = part.Trim().TrimEnd('?', '!', '.', ',', ';', ':', ' ').TrimStart('-', '–', '—', ' ');
            // An ask opens with its question word ("which benchmark…", "on how many…") or asks in place ("LiPO treats
            // alignment as what kind of ranking problem"); "the assistant where a StewardAgent coordinates…" describes the
            // paper. "…and why?": a question word with no word of its own asks nothing a sentence could be chosen for.
            if ((OpensAsk().IsMatch(ask) || AsksInPlace().IsMatch(ask)) && Text.Tokenizer.ContentWords(ask).Count > 0)
            {
                asks.Add(ask);
            }
        }
    }

    /// <summary>What kind of answer an ask wants, read from its wording.</summary>
    public static AskCue CueOf(string ask)
    {
        var cue = AskCue.None;
        if (NumberAsked().IsMatch(ask))
        {
            cue |= AskCue.Number;
        }
        if (NameAsked().IsMatch(ask))
        {
            cue |= AskCue.Name;
        }
        if (StandsFor().Match(ask) is { Success: true })
        {
            cue |= AskCue.LongForm;
        }
        if (CodeAsked().IsMatch(ask))
        {
            cue |= AskCue.Link;
        }
        return cue;
    }

    /// <summary>"what does CUE stand for": the short form whose long form is asked; null when the ask asks no long form.</summary>
    public static string? ShortFormAsked(string ask) =>
        StandsFor().Match(ask) is { Success: true } m && m.Groups["short"].Value is { Length: > 0 } shortForm
            && !Pronouns.Contains(shortForm) ? shortForm : null;

    // A cut between two asks: a comma, "and", a semicolon, a question mark, a dash or a colon before a word that opens
    // an ask ("…, and which two kinds…", "… - what do they call it", "…? How many…", "…, and on how many benchmarks?").
    [GeneratedRegex(@"(?:\s*[,;?:]\s*(?:and\s+|also\s+|plus\s+)?|\s+(?:and|plus|also)\s+|\s+[-–—]+\s+)(?=(?:(?:on|in|by|for|to|at|with|from|across|over)\s+)?(?:what|which|how|who|whom|whose|where|when|why)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Cut();

    [GeneratedRegex(@"^(?:(?:and|also|plus|so|then)\s+)?(?:(?:on|in|by|for|to|at|with|from|across|over)\s+)?(?:what|which|how|who|whom|whose|where|when|why)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OpensAsk();

    [GeneratedRegex(@"\b(?:as|is|are|was|were|to|by|of|from|into|on|in|at|with|does|do|did)\s+(?:what|which|how\s+(?:many|much))\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsksInPlace();

    // "how many", "how much", "how big is the improvement", "by what margin", "what speedup", "what accuracy", "what score".
    [GeneratedRegex(@"\bhow\s+(?:many|much|large|big|long|fast|often|low|high|small|far|well)\b|\bby\s+(?:what|which)\s+(?:margin|factor|amount)|\bwhat\s+(?:[\w-]+\s+){0,3}?(?:score|scores|rate|rates|accuracy|number|size|percentage|share|fraction|proportion|ratio|limit|length|speedup|speed-up|gain|gains|improvement|reduction|drop|margin|margins|correlation|cost|budget|win\s+rate|f1|bleu|auc|auroc)\b|\bfrom\s+what\b", RegexOptions.IgnoreCase)]
    private static partial Regex NumberAsked();

    // "what do they call it", "what's it called", "what is the benchmark named", "which dataset do they introduce",
    // "what's the name of", "which variant do they highlight"; the noun the name is asked for where the ask says it.
    [GeneratedRegex(@"\bwhat(?:\s+(?:is|are|was|were)|\s*['’]s)\s+(?:[\w-]+\s+){0,6}?(?<noun>[\w-]+?)s?\s+(?:called|named|termed|dubbed|known\s+as)\b|\bwhat\s+(?:do|did|does)\s+(?:\w+\s+){0,2}?(?:call|name|term|dub)(?:\s+(?:the|this|that|their|its|these|those)\s+(?:[\w-]+\s+){0,3}?(?<noun>[\w-]+?)s?\s*$)?|\bwhat(?:'s|’s|\s+is|\s+are)\s+(?:the\s+)?names?\b|\bwhat\s+name\b|\b(?:which|what)\s+(?:new\s+)?(?:[\w-]+\s+){0,2}?(?<noun>benchmark|dataset|corpus|model|method|framework|metric|task|tool|system|algorithm|architecture|variant|strategy|technique|objective|protocol|suite|problem|phenomenon|setting|setup|loss)s?\b", RegexOptions.IgnoreCase)]
    private static partial Regex NameAsked();

    /// <summary>"strategy" in "what is the new prompting strategy called", "variant" in "which variant do they highlight";
    /// null when the ask names no thing ("what do they call it").</summary>
    public static string? NamedThing(string ask) =>
        NameAsked().Match(ask) is { Success: true } m && m.Groups["noun"].Value is { Length: > 2 } noun
            && !Pronouns.Contains(noun) ? noun.ToLowerInvariant() : null;

    private static readonly HashSet<string> Pronouns = new(StringComparer.OrdinalIgnoreCase) { "it", "they", "this", "that", "them", "one", "thing" };

    // "what does CUE stand for", "what is CUE short for", "what does the acronym stand for" ("what does X mean" may ask
    // what a result means: not read as a long form).
    [GeneratedRegex(@"\bwhat\s+(?:does|do|did|is|'s)\s+(?:the\s+(?:acronym|abbreviation|name)\s+)?(?<short>[\p{L}\p{N}-]+)\s+(?:stand\s+for|short\s+for|expand\s+to)\b|\bwhat\s+(?:does|do)\s+(?:the\s+)?(?:acronym|abbreviation)\s+(?:stand\s+for|mean)\b|\b(?:stand|stands)\s+for\b|\bspelled\s+out\b|\blong\s+form\b", RegexOptions.IgnoreCase)]
    private static partial Regex StandsFor();

    [GeneratedRegex(@"\b(?:code|github|repo|repository|implementation)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CodeAsked();
}
