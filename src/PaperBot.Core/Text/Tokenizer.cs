using System.Text;

namespace PaperBot.Core.Text;

/// <summary>Words of user questions and abstracts: letters and digits only, lower-cased, diacritics kept apart.</summary>
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
    };

    public static IReadOnlyList<string> Words(string text)
    {
        var words = new List<string>();
        var sb = new StringBuilder();
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
            else if (sb.Length > 0)
            {
                words.Add(sb.ToString());
                sb.Clear();
            }
        }
        if (sb.Length > 0)
        {
            words.Add(sb.ToString());
        }
        return words;
    }

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
