using System.Text.RegularExpressions;
using PaperBot.Core.Text;

namespace PaperBot.Core.Ingest;

/// <summary>
/// A short display title for an abstract that came without one, taken from what the paper says it
/// proposes ("We propose CaP, a novel approach that…") or else from its first sentence.
/// </summary>
public static partial class DerivedTitle
{
    public const int MaxLength = 80;

    public static string From(string abstractText)
    {
        var sentences = SentenceSplitter.Split(abstractText);
        foreach (var sentence in sentences)
        {
            var m = ContributionPattern().Match(sentence);
            if (m.Success)
            {
                var phrase = m.Groups["what"].Value.Trim();
                if (phrase.Length >= 8)
                {
                    // "CaP, a novel approach that…" reads as a title when the name leads: "CaP: a novel approach that…".
                    var capitalised = Capitalise(phrase);
                    var named = NamedContribution().Match(capitalised);
                    return Shorten(named.Success ? $"{named.Groups[1].Value}: {named.Groups[2].Value}" : capitalised);
                }
            }
        }
        return Shorten(sentences.Count > 0 ? sentences[0] : abstractText);
    }

    [GeneratedRegex(@"^([A-Z][\w\-]*(?:\s[\w\-]+)?),\s+(an?\s.+)$")]
    private static partial Regex NamedContribution();

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static string Shorten(string text)
    {
        var t = text.Trim().TrimEnd('.', ',', ';', ':');
        if (t.Length <= MaxLength)
        {
            return t;
        }
        var cut = t.LastIndexOf(' ', MaxLength);
        var kept = (cut > 30 ? t[..cut] : t[..MaxLength]).TrimEnd(',', ';', ':', '-', ' ');
        // "… favors undertrained large language models (LLMs) by…": a cut title does not end on a function word.
        while (kept.LastIndexOf(' ') is var space and > 30 && FunctionWords.Contains(kept[(space + 1)..].ToLowerInvariant()))
        {
            kept = kept[..space].TrimEnd(',', ';', ':', '-', ' ');
        }
        return kept + "…";
    }

    private static readonly HashSet<string> FunctionWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "for", "by", "to", "in", "on", "at", "with", "and", "or", "nor", "but", "from", "via", "as",
        "that", "which", "who", "whose", "its", "their", "our", "this", "these", "those", "into", "onto", "over", "under",
        "than", "is", "are", "was", "were", "be", "been", "while", "when", "where", "such", "both", "each", "between", "across",
    };

    [GeneratedRegex(@"\b(?:we|this (?:paper|work|study)|this position paper)\s+(?:first\s+)?(?:(?:propose|proposes|introduce|introduces|present|presents|develop|develops)\s+(?:the task of\s+)?|(?:reveal|reveals|show|shows|find|finds|demonstrate|demonstrates)\s+that\s+)(?<what>[^.;]+)", RegexOptions.IgnoreCase)]
    private static partial Regex ContributionPattern();
}
