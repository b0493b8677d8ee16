using PaperBot.Core.Text;

namespace PaperBot.Core.Retrieval;

/// <summary>IDF weights of query words, from the index's own document frequencies (stemmed as the index stems).</summary>
public sealed class TermWeights(IReadOnlyDictionary<string, double> idfByStem, double unknownIdf)
{
    public double Of(string word) => idfByStem.TryGetValue(PorterStemmer.Stem(word), out var idf) ? idf : unknownIdf;

    public bool IsKnown(string word) => idfByStem.ContainsKey(PorterStemmer.Stem(word));

    /// <summary>The weight of a word that <paramref name="share"/> of the papers use: a word weighing at least this is
    /// used by at most that share. The number of papers is the one the weights were computed over (the weight of a word no
    /// paper uses is ln(1 + (n + 0.5) / 0.5)).</summary>
    public double OfShare(double share)
    {
        var papers = Math.Max(1, (Math.Exp(unknownIdf) - 1) * 0.5 - 0.5);
        var df = Math.Max(1, share * papers);
        return Math.Log(1 + (papers - df + 0.5) / (df + 0.5));
    }

    /// <summary>IDF-weighted share of <paramref name="queryWords"/> whose stems appear in <paramref name="stems"/>.</summary>
    public double Coverage(IReadOnlyList<string> queryWords, IReadOnlySet<string> stems)
    {
        double total = 0, matched = 0;
        foreach (var word in queryWords)
        {
            var weight = Of(word);
            total += weight;
            if (stems.Contains(PorterStemmer.Stem(word)))
            {
                matched += weight;
            }
        }
        return total == 0 ? 0 : matched / total;
    }

    public static HashSet<string> StemsOf(string text) =>
        Tokenizer.Words(text).Select(PorterStemmer.Stem).ToHashSet(StringComparer.Ordinal);
}
