using System.Text.RegularExpressions;
using PaperBot.Core.Text;

namespace PaperBot.Core.Answering;

/// <summary>
/// A slip of the keyboard in a word the question reader's cues are written for: "who are the authers of StableMoE?",
/// "how many upvoets did … get", "when was … pubished". Such a word is read as the cue word when it is one edit from it
/// (a letter changed, added or missing, or two neighbours swapped) and the long cue words are six letters or more; a short
/// cue ("date", "year", "repo") only through two neighbours swapped, since one letter changed makes ordinary words of
/// them ("data", "near"). A word is never taken for a cue when some paper writes it (an ordinary word, or a name), when it
/// is another form of the cue ("publishes", "publisher"), or when it is one edit from two different cues.
/// </summary>
public static class CueWordSlips
{
    /// <summary>Cue words of six letters or more: one edit away is a slip.</summary>
    private static readonly string[] LongCues =
    [
        "authors", "author", "authored", "published", "publish", "publication", "released", "release", "upvotes", "upvoted",
        "upvote", "github", "repository", "implementation", "organisation", "organization", "organisations", "organizations",
        "affiliation", "affiliations", "written",
    ];

    /// <summary>Short cue words: only two neighbouring letters swapped is a slip ("daet", "yaer", "rpeo", "voets").</summary>
    private static readonly string[] ShortCues = ["date", "year", "repo", "votes", "wrote", "orgs"];

    /// <summary>The question with each slipped cue word written as the cue; the question itself when it has none.</summary>
    /// <param name="writtenInCorpus">Whether some paper's text (title, abstract, authors, organisations) has the word.</param>
    public static string Correct(string question, Func<string, bool> writtenInCorpus)
    {
        if (string.IsNullOrEmpty(question))
        {
            return question ?? "";
        }
        return Word.Replace(question, m =>
        {
            var written = m.Value;
            var lower = written.ToLowerInvariant();
            if (Tokenizer.IsStopWord(lower) || CueFor(lower) is not { } cue || writtenInCorpus(lower))
            {
                return written;
            }
            return char.IsUpper(written[0]) ? char.ToUpperInvariant(cue[0]) + cue[1..] : cue;
        });
    }

    /// <summary>The one cue the (lower-case) word is a slip of, or null.</summary>
    internal static string? CueFor(string word)
    {
        if (word.Length < 4 || LongCues.Contains(word) || ShortCues.Contains(word))
        {
            return null;
        }
        var stem = PorterStemmer.Stem(word);
        var found = new List<string>();
        foreach (var cue in LongCues)
        {
            if (word.Length >= 6 && Math.Abs(word.Length - cue.Length) <= 1 && OneEdit(word, cue))
            {
                found.Add(cue);
            }
        }
        foreach (var cue in ShortCues)
        {
            if (word.Length == cue.Length && Swapped(word, cue))
            {
                found.Add(cue);
            }
        }
        if (found.Count == 0 || found.Any(cue => PorterStemmer.Stem(cue) == stem))
        {
            return null;
        }
        // "authord" is one edit from "authors" and "authored": either is a cue of authorship, so the first will do; one
        // edit from cues of different facts cannot be told apart.
        return found.All(cue => Family(cue) == Family(found[0])) ? found[0] : null;

        static string Family(string cue) => cue.Length >= 5 ? cue[..5] : cue;
    }

    /// <summary>One letter changed, added or missing, or two neighbouring letters swapped.</summary>
    private static bool OneEdit(string a, string b)
    {
        if (a.Length == b.Length)
        {
            var diffs = Enumerable.Range(0, a.Length).Where(i => a[i] != b[i]).ToList();
            return diffs.Count == 1 || (diffs.Count == 2 && diffs[1] == diffs[0] + 1 && a[diffs[0]] == b[diffs[1]] && a[diffs[1]] == b[diffs[0]]);
        }
        var (longer, shorter) = a.Length > b.Length ? (a, b) : (b, a);
        if (longer.Length != shorter.Length + 1)
        {
            return false;
        }
        var i = 0;
        while (i < shorter.Length && longer[i] == shorter[i])
        {
            i++;
        }
        return string.CompareOrdinal(longer, i + 1, shorter, i, shorter.Length - i) == 0;
    }

    private static bool Swapped(string a, string b)
    {
        var diffs = Enumerable.Range(0, a.Length).Where(i => a[i] != b[i]).ToList();
        return diffs.Count == 2 && diffs[1] == diffs[0] + 1 && a[diffs[0]] == b[diffs[1]] && a[diffs[1]] == b[diffs[0]];
    }

    // A word of plain letters (no digits, hyphens or apostrophes inside: those are names or contractions).
    private static Regex Word => field ??= new(@"(?<![\p{L}\p{N}\-'’])\p{L}{4,}(?![\p{L}\p{N}\-'’])");
}
