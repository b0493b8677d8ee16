using System.Text.RegularExpressions;
using PaperBot.Core.Retrieval;

namespace PaperBot.Core.Answering.Composition;

/// <summary>
/// What makes an abstract sentence fit to stand alone in an answer. A sentence that opens by pointing back
/// ("This leads to…", "However, …", "To address this, we…") or counting on ("(2) …", "Second, …") was written
/// to follow its neighbour; shown alone it dangles. Harmless openers are trimmed; the rest need their antecedent.
/// </summary>
public static partial class SentenceHygiene
{
    /// <summary>True when the sentence, shown alone, would open by pointing at something the reader has not seen.</summary>
    public static bool IsDangling(string sentence) => NeedsAntecedent(sentence) || Enumerator().IsMatch(sentence) || Additive().IsMatch(sentence);

    /// <summary>True when the sentence refers back to the one before it and must be shown with it or not at all.</summary>
    public static bool NeedsAntecedent(string sentence) => Anaphor().IsMatch(sentence) || Contrastive().IsMatch(sentence) || NamesWhatCameBefore().IsMatch(sentence);

    /// <summary>True when the sentence opens with a clause that says why ("To address this, we…"): what follows is what the paper does.</summary>
    public static bool OpensWithPurpose(string sentence) => Purpose().IsMatch(sentence);

    /// <summary>
    /// The sentence made to stand alone when only its opener ties it to what came before: enumerators ("(2)", "Second,"),
    /// additive connectives ("Moreover,") and purpose clauses ("To address these issues, we propose…" → "We propose…")
    /// are dropped. Null when the sentence still needs its antecedent.
    /// </summary>
    public static string? Standalone(string sentence)
    {
        var s = sentence.Trim();
        for (var i = 0; i < 3; i++)
        {
            var trimmed = Purpose().Replace(s, "", 1);
            trimmed = Enumerator().Replace(trimmed, "", 1);
            trimmed = Additive().Replace(trimmed, "", 1);
            if (trimmed == s)
            {
                break;
            }
            s = Capitalise(trimmed.TrimStart());
        }
        return NeedsAntecedent(s) || s.Length < 12 ? null : s;
    }

    /// <summary>A sentence that only gives a link ("Codes: https://…", "Our code is available at https://…").</summary>
    public static bool IsLinkOnly(string sentence)
    {
        if (!sentence.Contains("http", StringComparison.OrdinalIgnoreCase) && !sentence.Contains("github", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var withoutLinks = Url().Replace(sentence, " ");
        return LinkLine().IsMatch(withoutLinks) || Text.Tokenizer.ContentWords(withoutLinks).Count <= 4
            || (Url().IsMatch(sentence) && Release().IsMatch(withoutLinks) && !Finding().IsMatch(withoutLinks));
    }

    /// <summary>Two sentences saying nearly the same thing (content-word overlap), such as one definition written by three papers.</summary>
    public static bool NearDuplicate(string a, string b)
    {
        var x = TermWeights.StemsOf(a);
        var y = TermWeights.StemsOf(b);
        if (x.Count == 0 || y.Count == 0)
        {
            return false;
        }
        var shared = x.Count(y.Contains);
        return shared / (double)Math.Min(x.Count, y.Count) >= 0.7 || shared / (double)(x.Count + y.Count - shared) >= 0.5;
    }

    /// <summary>
    /// The abstract with its stray punctuation taken out: a full stop left before a comma ("framework for reasoning
    /// models., a novel framework") and a doubled comma ("future research,, we introduce"). Abbreviations keep their
    /// stop ("e.g.,", "etc.,", "acc.,", "approx.,"): only a word of four letters or more that is no abbreviation loses it.
    /// </summary>
    public static string WithoutStrayPunctuation(string text) =>
        text.Contains(".,", StringComparison.Ordinal) || text.Contains(". ,", StringComparison.Ordinal) || text.Contains(",,", StringComparison.Ordinal) || text.Contains(", ,", StringComparison.Ordinal)
            ? DoubledComma().Replace(StopBeforeComma().Replace(text, ""), ",")
            : text;

    // The stop after a lower-case word of four letters or more, the word not itself after a stop ("a.k.a.,") and no abbreviation.
    [GeneratedRegex(@"(?<=(?<![\p{L}\p{N}.])(?!(?:resp|approx|incl|excl|cont|figs|eqs|refs|secs|vols|prev|esp)\.)\p{Ll}{4,})\s*\.\s*(?=,)")]
    private static partial Regex StopBeforeComma();

    [GeneratedRegex(@",(?:\s*,)+")]
    private static partial Regex DoubledComma();

    private static string Capitalise(string s) =>
        s.Length > 0 && char.IsLower(s[0]) ? char.ToUpperInvariant(s[0]) + s[1..] : s;

    // "This", "These", "It", "They", "Such", "Its", "Their", "Here", "Both": words whose meaning is in the previous sentence.
    [GeneratedRegex(@"^\s*(?:this|these|those|that|it|its|they|their|them|such|here|both|the\s+former|the\s+latter|the\s+(?:above|aforementioned)|said)\b(?!\s+paper\b|\s+work\b|\s+study\b|\s+survey\b|\s+report\b|\s+article\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Anaphor();

    // Openers that contrast with or conclude from what came before.
    [GeneratedRegex(@"^\s*(?:however|but|yet|thus|therefore|hence|consequently|accordingly|as\s+a\s+result|in\s+contrast|by\s+contrast|conversely|instead|nevertheless|nonetheless|still|otherwise|meanwhile|on\s+the\s+other\s+hand|on\s+the\s+contrary|in\s+turn|as\s+such|then|so|despite\s+(?:this|these|that)|unlike\s+(?:this|these|that|them|it))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Contrastive();

    // "We call this emergent misalignment.": the name is given to what the sentence before described.
    [GeneratedRegex(@"^\s*(?:we|they|authors)\s+(?:call|term|name|dub|refer\s+to)\s+(?:this|these|it|that|them|such)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NamesWhatCameBefore();

    // "(2)", "2)", "(ii)", "ii)", "First,", "Second,", "Finally,", "Lastly,".
    [GeneratedRegex(@"^\s*(?:\(\s*(?:\d{1,2}|[ivx]{1,4}|[a-h])\s*\)|(?:\d{1,2}|[ivx]{1,4})\)|(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|fourth(?:ly)?|finally|lastly|last)\s*,)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Enumerator();

    [GeneratedRegex(@"^\s*(?:moreover|furthermore|additionally|in\s+addition|besides|also|notably|importantly|specifically|in\s+particular|in\s+summary|overall|in\s+short|to\s+summari[sz]e|in\s+conclusion|further|particularly|interestingly|remarkably|surprisingly|crucially|concretely|experimentally|empirically|subsequently|next|beyond\s+(?:this|that))\s*,\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Additive();

    // "To address this issue, ", "To this end, ", "Motivated by these findings, ", "Based on this insight, ", "In response, ".
    [GeneratedRegex(@"^\s*(?:to\s+(?:address|tackle|solve|overcome|mitigate|alleviate|bridge|fill|remedy|resolve|handle|fix|close|counter|combat|avoid)\s+(?:this|these|that|those|such|both|the\s+above|the\s+aforementioned)(?:\s+[\w-]+){0,4}|to\s+this\s+end|to\s+that\s+end|in\s+response(?:\s+to\s+(?:this|these|that)(?:\s+[\w-]+){0,3})?|(?:motivated|inspired|guided|informed)\s+by\s+(?:this|these|that|those|our|the\s+above)(?:\s+[\w-]+){0,4}|(?:based|building|built|drawing)\s+(?:on|upon)\s+(?:this|these|that|those|our|the\s+above)(?:\s+[\w-]+){0,4}|in\s+light\s+of\s+(?:this|these|that)(?:\s+[\w-]+){0,3}|with\s+(?:this|these)\s+(?:insights?|observations?|findings?|in\s+mind)|following\s+this(?:\s+[\w-]+){0,3}|for\s+this\s+purpose|to\s+do\s+so|to\s+achieve\s+this(?:\s+goal)?)\s*,\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Purpose();

    [GeneratedRegex(@"\b(?:release[sd]?|releasing|available|open[\s-]?sourced?|publicly|public|github|hugging\s*face|code|codes|project\s+page|demo|website|repository|can\s+be\s+found|accessible)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Release();

    [GeneratedRegex(@"\b(?:we\s+(?:\w+\s+)?(?:show|find|found|demonstrate|observe)|outperform\w*|improv\w+\s+by|\d+(?:\.\d+)?\s*%)", RegexOptions.IgnoreCase)]
    private static partial Regex Finding();

    [GeneratedRegex(@"https?://\S+|www\.\S+|github\.com/\S+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"^\s*(?:our\s+|the\s+|all\s+)?(?:source\s+)?(?:codes?|data(?:sets?)?|models?|weights|demo|project(?:\s+page)?|resources?|implementation|benchmark|checkpoints?|repository|materials?)\b[\w\s,&-]{0,60}?(?:(?:is|are|will\s+be|have\s+been|has\s+been)\s+(?:publicly\s+|freely\s+|made\s+)?(?:available|released|open[\s-]?sourced|public)|:|at|here)\s*(?:at|on|in|from|via)?\s*[.\s]*$", RegexOptions.IgnoreCase)]
    private static partial Regex LinkLine();
}
