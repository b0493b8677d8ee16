using System.Globalization;
using System.Text;

namespace PaperBot.Core.Text;

/// <summary>
/// Words of user questions and abstracts, split and folded as the FTS5 index does (unicode61 remove_diacritics 2):
/// letters and numbers only, lower-cased, Latin accents removed, so "Tulu 3" meets "TÜLU 3". A conformance test
/// compares the words of the whole corpus with fts5vocab's.
/// </summary>
public static class Tokenizer
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "by", "from", "at", "as", "is", "are",
        "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "there", "their", "they",
        "them", "we", "our", "you", "your", "i", "me", "my", "he", "she", "his", "her", "what", "which", "who", "whom",
        "whose", "when", "where", "why", "how", "do", "does", "did", "can", "could", "would", "should", "will", "shall",
        "may", "might", "must", "any", "some", "all", "about", "into", "than", "then", "so", "such", "if", "not", "no",
        "but", "also", "just", "only", "very", "more", "most", "other", "there", "here", "has", "have", "had", "get",
        "got", "paper", "papers", "work", "works", "study", "studies", "anything", "something", "someone", "one", "ones",
        "using", "use", "uses", "used", "via", "show", "shows", "find", "found", "tell", "give", "list", "each", "both",
        "between", "whether", "while", "without", "within", "up", "out", "over", "under", "s", "t", "like", "know",
        "approach", "method", "methods", "propose", "proposes", "proposed", "present", "introduce", "introduces",
        "thing", "things", "stuff", "anyone", "please", "kind", "sort", "way", "ways", "make", "makes", "made",
        "etc", "eg", "ie", "vs", "per", "many", "much", "well", "new", "way", "lot", "lots", "really", "actually",
        "everything", "everyone", "anybody", "somebody", "whatever",
        // Chat spellings of "please" and "thanks" ("logical reasoning / deduction papers pls"): no paper writes them, and
        // counted as a topic word "pls" took a third of the question's weight and declined it.
        "pls", "plz", "thx",
    };

    public static IReadOnlyList<string> Words(string text)
    {
        var words = new List<string>();
        var sb = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                var c = (char)rune.Value;
                if (char.IsAsciiLetterOrDigit(c))
                {
                    sb.Append(char.ToLowerInvariant(c));
                    continue;
                }
            }
            else if (IsTokenRune(rune, out var removed))
            {
                if (!removed)
                {
                    AppendFolded(sb, rune);
                }
                continue;
            }
            Flush(words, sb);
        }
        Flush(words, sb);
        return words;
    }

    private static void Flush(List<string> words, StringBuilder sb)
    {
        if (sb.Length > 0)
        {
            words.Add(sb.ToString());
            sb.Clear();
        }
    }

    /// <summary>
    /// FTS5 unicode61's token characters: letters, numbers (including "²" and "½") and private-use characters;
    /// with remove_diacritics, the combining accents it strips also belong to the word and vanish.
    /// </summary>
    private static bool IsTokenRune(Rune rune, out bool removed)
    {
        removed = false;
        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.DecimalDigitNumber:
            case UnicodeCategory.LetterNumber:
            case UnicodeCategory.OtherNumber:
            case UnicodeCategory.PrivateUse:
                return true;
            case UnicodeCategory.NonSpacingMark:
                removed = IsStrippedAccent(rune.Value);
                return removed;
            default:
                return false;
        }
    }

    // The combining marks FTS5's remove_diacritics treats as accents (grave, acute, circumflex, tilde, macron,
    // breve, dot, diaeresis, hook, ring, double acute, caron, …, horn, dot below, cedilla, ogonek, …).
    private static bool IsStrippedAccent(int c) =>
        c is (>= 0x300 and <= 0x304) or (>= 0x306 and <= 0x30C) or 0x30F or 0x311 or 0x31B or (>= 0x323 and <= 0x328)
            or 0x32D or 0x32E or 0x330 or 0x331;

    /// <summary>
    /// Lower-cased (FTS5 folds the Basic Multilingual Plane only) and, for Latin letters, without their accents:
    /// "TÜLU" is "tulu", "Łódź" is "łodz" (ł, ø, ß, æ and œ have no accent to strip, as in FTS5). The Latin
    /// letters use FTS5's own folding, read from SQLite once (a letter per code point) because the runtime runs
    /// with invariant globalization and cannot decompose them.
    /// </summary>
    private static void AppendFolded(StringBuilder sb, Rune rune)
    {
        if (rune.Value > 0xFFFF)
        {
            sb.Append(rune.ToString());
            return;
        }
        var c = (char)rune.Value;
        var folded = c switch
        {
            >= '\u00C0' and <= '\u024F' => Latin[c - 0xC0],
            >= '\u1E00' and <= '\u1EFF' => LatinAdditional[c - 0x1E00],
            '\u00B5' => '\u03BC', // micro sign → Greek mu
            '\u03C2' => '\u03C3', // final sigma
            _ => '\0',
        };
        sb.Append(folded != '\0' ? folded : char.ToLowerInvariant(c));
    }

    // What FTS5 unicode61 remove_diacritics 2 makes of each code point U+00C0–U+024F and U+1E00–U+1EFF
    // (\0: not a letter, or not in the table).
    private const string Latin = "aaaaaa\u00E6ceeeeiiii\u00F0nooooo\u0000\u00F8uuuuy\u00FE\u00DFaaaaaa\u00E6ceeeeiiii\u00F0nooooo\u0000\u00F8uuuuy\u00FEyaaaaaaccccccccdd\u0111\u0111eeeeeeeeeegggggggghh\u0127\u0127iiiiiiiii\u0131\u0133\u0133jjkk\u0138llllll\u0140\u0140\u0142\u0142nnnnnn\u0149\u014B\u014Boooooo\u0153\u0153rrrrrrsssssssstttt\u0167\u0167uuuuuuuuuuuuwwyyyzzzzzzs\u0180\u0253\u0183\u0183\u0185\u0185\u0254\u0188\u0188\u0256\u0257\u018C\u018C\u018D\u01DD\u0259\u025B\u0192\u0192\u0260\u0263\u0195\u0269\u0268\u0199\u0199\u019A\u019B\u026F\u0272\u019E\u0275oo\u01A3\u01A3\u01A5\u01A5\u0280\u01A8\u01A8\u0283\u01AA\u01AB\u01AD\u01AD\u0288uu\u028A\u028B\u01B4\u01B4\u01B6\u01B6\u0292\u01B9\u01B9\u01BA\u01BB\u01BD\u01BD\u01BE\u01BF\u01C0\u01C1\u01C2\u01C3\u01C6\u01C6\u01C6\u01C9\u01C9\u01C9\u01CC\u01CC\u01CCaaiioouuuuuuuuuu\u01DDaa\u01E1\u01E1\u01E3\u01E3\u01E5\u01E5ggkkoooo\u01EF\u01EFj\u01F3\u01F3\u01F3gg\u0195\u01BFnnaa\u01FD\u01FD\u01FF\u01FFaaaaeeeeiiiioooorrrruuuusstt\u021D\u021Dhh\u019E\u0221\u0223\u0223\u0225\u0225aaeeooooooooyy\u0234\u0235\u0236\u0237\u0238\u0239\u2C65\u023C\u023C\u019A\u2C66\u023F\u0240\u0242\u0242\u0180\u0289\u028C\u0247\u0247\u0249\u0249\u024B\u024B\u024D\u024D\u024F\u024F";
    private const string LatinAdditional = "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwy\u1E9As\u1E9C\u1E9D\u00DF\u1E9Faaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy\u1EFB\u1EFB\u1EFD\u1EFD\u1EFF\u1EFF";

    public static bool IsStopWord(string word) => StopWords.Contains(word);

    /// <summary>Content words of a question, stop words removed, in order, without repeats.</summary>
    public static IReadOnlyList<string> ContentWords(string text)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var w in Words(text))
        {
            if (!IsStopWord(w) && seen.Add(w))
            {
                result.Add(w);
            }
        }
        return result;
    }
}
