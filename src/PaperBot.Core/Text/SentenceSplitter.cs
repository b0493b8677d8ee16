namespace PaperBot.Core.Text;

/// <summary>Splits abstract prose into sentences without breaking at "e.g.", "et al.", "v.s.", decimals or URLs.</summary>
public static class SentenceSplitter
{
    private static readonly string[] Abbreviations =
        ["e.g", "i.e", "et al", "etc", "vs", "v.s", "cf", "Fig", "fig", "Eq", "eq", "No", "approx", "resp", "w.r.t", "Sec", "al"];

    public static IReadOnlyList<string> Split(string text)
    {
        var sentences = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is not ('.' or '?' or '!'))
            {
                continue;
            }
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (next != '\0' && next != ' ')
            {
                continue; // "3.5", "github.io", "U.S."
            }
            if (next == ' ')
            {
                var after = i + 2 < text.Length ? text[i + 2] : '\0';
                if (!(char.IsUpper(after) || char.IsDigit(after) || after is '(' or '"' or '\\' or '['))
                {
                    continue;
                }
            }
            if (c == '.' && EndsWithAbbreviation(text, start, i))
            {
                continue;
            }
            Add(sentences, text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length)
        {
            Add(sentences, text[start..]);
        }
        return sentences;
    }

    private static void Add(List<string> sentences, string s)
    {
        var t = s.Trim();
        if (t.Length > 0)
        {
            sentences.Add(t);
        }
    }

    private static bool EndsWithAbbreviation(string text, int start, int dot)
    {
        var wordStart = dot;
        while (wordStart > start && text[wordStart - 1] != ' ' && text[wordStart - 1] != '(')
        {
            wordStart--;
        }
        var word = text[wordStart..dot];
        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return true; // an initial: "J. Smith"
        }
        foreach (var abbreviation in Abbreviations)
        {
            if (word.Equals(abbreviation, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
