using Microsoft.Data.Sqlite;
using PaperBot.Core.Text;

namespace PaperBot.Core.Retrieval;

/// <summary>
/// Bridges acronyms and long forms in a question using the dictionary mined from the corpus at ingest, and,
/// where the corpus never spells a long form out, the initials of the question's words when the corpus uses
/// them as a word ("Kahneman-Tversky optimization" → "kto").
/// </summary>
public static partial class AcronymExpander
{
    private const int MaxLongFormsPerAcronym = 3;
    private const int MaxWords = 60;

    public static IReadOnlyList<QueryBridge> Bridges(SqliteConnection connection, string question)
    {
        // A question is short; "papers like this one" passes a whole abstract, whose opening says enough.
        var words = Tokenizer.Words(question).Take(MaxWords).ToList();
        var bridges = new List<QueryBridge>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        // An acronym in the question, written as one (two capitals or more, "GRPO", "MoE"): add its long forms.
        // Two-letter acronyms (AI, RL, LM) are left alone: too common to say anything.
        var shorts = WrittenAcronyms().Matches(question.Length > 600 ? question[..600] : question).Select(m => Acronym.Key(m.Value))
            .Where(w => w.Length is >= 3 and <= 10).Distinct(StringComparer.Ordinal).ToList();
        foreach (var (shortKey, longKey) in Lookup(connection, "short", "long_key", shorts))
        {
            if (seen.Add(shortKey + "→" + longKey))
            {
                bridges.Add(new QueryBridge([shortKey], longKey.Split(' '), "acronym"));
            }
        }

        // A long form in the question: add its acronym.
        var runs = new List<(string Key, List<string> Words)>();
        for (var length = 2; length <= 7; length++)
        {
            for (var i = 0; i + length <= words.Count; i++)
            {
                var run = words.Skip(i).Take(length).ToList();
                runs.Add((string.Join(' ', run), run));
            }
        }
        foreach (var (longKey, shortKey) in Lookup(connection, "long_key", "short", runs.Select(r => r.Key).Distinct(StringComparer.Ordinal).ToList()))
        {
            if (shortKey.Length >= 3 && seen.Add(shortKey + "→" + longKey))
            {
                var source = runs.First(r => r.Key == longKey).Words.Where(w => !Tokenizer.IsStopWord(w)).ToList();
                bridges.Add(new QueryBridge(source, [shortKey], "long form"));
            }
        }

        // Initials of three to five consecutive content words, when the corpus writes them as an acronym it never
        // spells out ("KTO"), or spells out with these very words. Anything looser turns "two answers gamed" into "TAG".
        // The words must stand side by side in the question: "stopping the gradients of different" is no phrase.
        var candidates = new List<(string Initials, List<string> Source)>();
        for (var length = 3; length <= 5; length++)
        {
            for (var i = 0; i + length <= words.Count; i++)
            {
                var source = words.Skip(i).Take(length).ToList();
                if (source.Any(w => !char.IsLetter(w[0]) || Tokenizer.IsStopWord(w)))
                {
                    continue;
                }
                var initials = string.Concat(source.Select(w => w[0]));
                if (!seen.Contains(initials) && !words.Contains(initials))
                {
                    candidates.Add((initials, source));
                }
            }
        }
        foreach (var (initials, source) in candidates)
        {
            if (bridges.Any(b => b.Words.Count == 1 && b.Words[0] == initials) || !InVocabulary(connection, initials)
                || !WrittenAsAcronym(connection, initials))
            {
                continue;
            }
            var defined = Lookup(connection, "short", "long_key", [initials]);
            if (defined.Count > 0 && !defined.Any(d => SameWords(d.To, source)))
            {
                continue;
            }
            bridges.Add(new QueryBridge(source, [initials], "initials"));
        }
        return bridges;
    }

    private static List<(string From, string To)> Lookup(SqliteConnection connection, string fromColumn, string toColumn, IReadOnlyList<string> keys)
    {
        var result = new List<(string, string)>();
        if (keys.Count == 0)
        {
            return result;
        }
        using var cmd = connection.CreateCommand();
        var names = keys.Select((_, i) => "$k" + i).ToList();
        // The most common pairings first: a corpus that defines "RL" fifty times as reinforcement learning outvotes one
        // odd use. The counts are recounted at the end of every ingest that changes papers (migration 7), so this reads a few
        // rows at any size.
        cmd.CommandText = $"""
            SELECT {fromColumn}, {toColumn}, uses FROM acronym_uses
            WHERE {fromColumn} IN ({string.Join(",", names)})
            ORDER BY uses DESC, {toColumn}
            """;
        for (var i = 0; i < keys.Count; i++)
        {
            cmd.Parameters.AddWithValue(names[i], keys[i]);
        }
        using var reader = cmd.ExecuteReader();
        var perKey = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var from = reader.GetString(0);
            var count = perKey.GetValueOrDefault(from);
            if (count < MaxLongFormsPerAcronym)
            {
                perKey[from] = count + 1;
                result.Add((from, reader.GetString(1)));
            }
        }
        return result;
    }

    private static bool SameWords(string longKey, IReadOnlyList<string> source) =>
        string.Join(' ', longKey.Split(' ').Where(w => !Tokenizer.IsStopWord(w))) == string.Join(' ', source);

    /// <summary>True when papers that contain the word write it in capitals, as an acronym.</summary>
    private static bool WrittenAsAcronym(SqliteConnection connection, string word)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT title || ' ' || abstract FROM papers_fts WHERE papers_fts MATCH $w LIMIT 5";
        cmd.Parameters.AddWithValue("$w", FtsQuery.Quote(word));
        using var reader = cmd.ExecuteReader();
        var upper = word.ToUpperInvariant();
        while (reader.Read())
        {
            var text = reader.GetString(0);
            for (var at = text.IndexOf(upper, StringComparison.Ordinal); at >= 0; at = text.IndexOf(upper, at + 1, StringComparison.Ordinal))
            {
                var end = at + upper.Length;
                if ((at == 0 || !char.IsLetter(text[at - 1])) && (end == text.Length || !char.IsLower(text[end])))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static bool InVocabulary(SqliteConnection connection, string word)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT doc FROM papers_vocab WHERE term = $t";
        cmd.Parameters.AddWithValue("$t", PorterStemmer.Stem(word));
        return cmd.ExecuteScalar() is long df && df > 0;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b[A-Za-z]*[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*\b")]
    private static partial System.Text.RegularExpressions.Regex WrittenAcronyms();
}
