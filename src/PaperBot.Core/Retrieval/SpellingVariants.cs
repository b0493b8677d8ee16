using PaperBot.Core.Text;

namespace PaperBot.Core.Retrieval;

/// <summary>
/// British and American spellings of the same word ("memorised"/"memorized", "behaviour"/"behavior",
/// "dialogue"/"dialog", "modelling"/"modeling"), which the Porter stemmer leaves apart. Each spelling of a question
/// word becomes a bridge to the other, kept only when the corpus uses it, so a rule that makes a non-word
/// ("wise" → "wize") never reaches the index.
/// </summary>
public static class SpellingVariants
{
    private static readonly (string British, string American, int MinLength)[] Endings =
    [
        ("isation", "ization", 0), ("isations", "izations", 0),
        ("ise", "ize", 6), ("ised", "ized", 6), ("ises", "izes", 6), ("ising", "izing", 7), ("iser", "izer", 6), ("isers", "izers", 7),
        ("yse", "yze", 6), ("ysed", "yzed", 6), ("yses", "yzes", 6), ("ysing", "yzing", 7),
        ("our", "or", 6), ("ours", "ors", 7), ("oured", "ored", 7), ("ouring", "oring", 8),
        ("ogue", "og", 7), ("ogues", "ogs", 8),
        ("elled", "eled", 7), ("elling", "eling", 8), ("eller", "eler", 7), ("ellers", "elers", 8),
    ];

    // Words whose "-ise" is no British spelling of "-ize": "expertize" would stem to "expert" and bridge to the experts of
    // mixture-of-experts papers.
    private static readonly HashSet<string> NotIzeWords = new(StringComparer.Ordinal)
    {
        "advertise", "advise", "apprise", "arise", "bruise", "chastise", "circumcise", "comprise", "compromise", "concise",
        "cruise", "demise", "despise", "devise", "disguise", "enterprise", "excise", "exercise", "expertise", "franchise",
        "guise", "improvise", "incise", "merchandise", "noise", "otherwise", "paradise", "poise", "praise", "precise",
        "premise", "promise", "raise", "reprise", "revise", "rise", "supervise", "surmise", "surprise", "televise",
        "treatise", "wise",
    };

    /// <summary>The other spelling of each word that has one; <paramref name="inCorpus"/> says which the corpus uses.</summary>
    public static IReadOnlyList<QueryBridge> Bridges(IReadOnlyList<string> words, Func<string, bool> inCorpus)
    {
        var bridges = new List<QueryBridge>();
        foreach (var word in words.Distinct(StringComparer.Ordinal))
        {
            foreach (var variant in Of(word))
            {
                // "modelling" and "modeling" may already share a stem; a bridge would only count the word twice.
                if (inCorpus(variant) && PorterStemmer.Stem(variant) != PorterStemmer.Stem(word))
                {
                    bridges.Add(new QueryBridge([word], [variant], "spelling"));
                }
            }
        }
        return bridges;
    }

    /// <summary>Other spellings of a lower-case word by its ending, in both directions; empty when none applies.</summary>
    public static IEnumerable<string> Of(string word)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (british, american, minLength) in Endings)
        {
            // The minimum length is the British form's, whichever way the word is spelled ("dialog" → "dialogue").
            string? variant = null;
            if (word.EndsWith(british, StringComparison.Ordinal) && word.Length >= minLength && word.Length > british.Length + 1)
            {
                variant = word[..^british.Length] + american;
            }
            else if (word.EndsWith(american, StringComparison.Ordinal) && word.Length - american.Length + british.Length >= minLength && word.Length > american.Length + 1)
            {
                variant = word[..^american.Length] + british;
            }
            if (variant is not null && !IsNotIzeWord(word) && !IsNotIzeWord(variant) && seen.Add(variant))
            {
                yield return variant;
            }
        }
    }

    /// <summary>True for a form of a word like "expertise" or "advertising", whose -ise has no -ize spelling.</summary>
    private static bool IsNotIzeWord(string word)
    {
        foreach (var ending in (string[])["ise", "ised", "ises", "ising", "iser", "isers", "isement", "isements"])
        {
            if (word.EndsWith(ending, StringComparison.Ordinal) && NotIzeWords.Contains(word[..^ending.Length] + "ise"))
            {
                return true;
            }
        }
        return false;
    }
}
