using PaperBot.Core.Text;

namespace PaperBot.Core.Retrieval;

/// <summary>
/// Automatic vocabulary bridging: each question word the papers rarely or never use is joined to the corpus words the
/// model places nearest to it, each weighted by its similarity. No list written by hand: the corpus gives the words,
/// the model their nearness.
/// </summary>
public static class TermExpansion
{
    // Shorter words are mostly symbols, units and acronyms' fragments, which the model places anywhere.
    private const int MinLength = 3;

    /// <summary>A word worth a vector: not a stop word, of three characters or more, with a letter.</summary>
    public static bool IsContent(string word) => word.Length >= MinLength && !Tokenizer.IsStopWord(word) && word.Any(char.IsLetter);

    /// <summary>The question's content words, and with <paramref name="phrases"/> each two of them in a row ("grumpy review").</summary>
    public static IReadOnlyList<string> Units(string question, bool phrases)
    {
        var units = new List<string>();
        string? previous = null;
        foreach (var word in Tokenizer.Words(question))
        {
            if (!IsContent(word))
            {
                previous = null;
                continue;
            }
            units.Add(word);
            if (phrases && previous is not null)
            {
                units.Add(previous + " " + word);
            }
            previous = word;
        }
        return units.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// For each of <paramref name="words"/> (a word, or a phrase with a word <paramref name="expand"/> accepts) that
    /// <paramref name="expand"/> accepts and has a vector, its nearest corpus
    /// words (at most <paramref name="perWord"/>, cosine at least <paramref name="minSimilarity"/>) used by at most
    /// <paramref name="maxDocs"/> papers and not already in the question (by stem).
    /// </summary>
    public static IReadOnlyList<(string Source, TermNeighbour Neighbour)> Expand(
        IReadOnlyList<string> words, IReadOnlyDictionary<string, float[]> vectors, TermNeighbours corpus,
        Func<string, bool> expand, int perWord, double minSimilarity, int maxDocs)
    {
        var questionStems = words.SelectMany(w => w.Split(' ')).Select(PorterStemmer.Stem).ToHashSet(StringComparer.Ordinal);
        var result = new List<(string, TermNeighbour)>();
        foreach (var word in words.Distinct(StringComparer.Ordinal))
        {
            if (!word.Split(' ').Any(expand) || !vectors.TryGetValue(word, out var vector))
            {
                continue;
            }
            foreach (var neighbour in corpus.Nearest(vector, perWord, minSimilarity, (stem, docs) => docs <= maxDocs && !stem.Split(' ').All(questionStems.Contains)))
            {
                result.Add((word, neighbour));
            }
        }
        return result;
    }

    /// <summary>
    /// Papers scored by the expansion: for each question word, the best of its neighbours a paper writes (the neighbour's
    /// keyword score there times its similarity), summed over the question's words; best first.
    /// </summary>
    public static List<(long Seq, double Score)> Rank(IReadOnlyList<(string Source, TermNeighbour Neighbour)> expansion, Func<string, IReadOnlyList<(long Seq, double Score)>> keywordScores, int depth)
    {
        var total = new Dictionary<long, double>();
        foreach (var source in expansion.GroupBy(e => e.Source, StringComparer.Ordinal))
        {
            var best = new Dictionary<long, double>();
            foreach (var (_, neighbour) in source)
            {
                foreach (var (seq, score) in keywordScores(neighbour.Word))
                {
                    best[seq] = Math.Max(best.GetValueOrDefault(seq), score * neighbour.Similarity);
                }
            }
            foreach (var (seq, score) in best)
            {
                total[seq] = total.GetValueOrDefault(seq) + score;
            }
        }
        return total.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Take(depth).Select(kv => (kv.Key, kv.Value)).ToList();
    }
}
