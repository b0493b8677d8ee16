using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using PaperBot.Core.Storage;
using PaperBot.Core.Text;

namespace PaperBot.Core.Retrieval;

/// <summary>
/// The stored title a paper's name means when it is written with one slip of the keyboard ("the Math-Sheperd paper",
/// "SelfBudgetter", "AlpacaFram", "ThinkEdt"): exactly one word of the name is not in the index, and exactly one title
/// holds the name with that word one slip away: a letter changed or two neighbours swapped in a word of six letters or
/// more, or a letter missing or added in a word of four or more. Two titles as close, or a closer one, and the name is
/// taken as written (a made-up "ReCAT" is not "ReCUT", "GoldFinch" is not "Goldfish"). The index's vocabulary gives
/// the spellings one slip away in one look-up, and the FTS5 title column the candidate titles, so the cost does not
/// grow with the corpus.
/// </summary>
public sealed class TitleSlips(SqliteConnectionFactory database)
{
    private const int MinLettersForAChange = 6;
    private const int MinLettersForAMissingLetter = 4;
    private const int CandidateTitles = 20;

    /// <param name="Written">The name as the question writes it.</param>
    /// <param name="Meant">The name as the title writes it ("Math-Shepherd").</param>
    public sealed record Correction(string Written, string Meant, string PaperId, string Title);

    public Correction? Find(string name)
    {
        var words = Tokenizer.Words(name);
        if (words.Count is 0 or > FtsQuery.MaxTerms)
        {
            return null;
        }
        using var connection = database.Open();
        var stems = words.Select(PorterStemmer.Stem).ToList();
        var known = Known(connection, stems);
        var unknown = Enumerable.Range(0, words.Count).Where(i => !known.Contains(stems[i])).ToList();
        if (unknown.Count != 1)
        {
            return null;
        }
        var at = unknown[0];
        var word = words[at];
        if (word.Length < MinLettersForAMissingLetter || word.Any(char.IsDigit))
        {
            return null;
        }
        var spellings = OneSlip.Variants(word)
            .Where(v => v.Length != word.Length || word.Length >= MinLettersForAChange)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var slipStems = Known(connection, spellings.Select(PorterStemmer.Stem).Distinct(StringComparer.Ordinal).ToList());
        var found = new Dictionary<string, (string Title, string Token)>(StringComparer.Ordinal);
        // The title column is searched with words as written (one spelling per known stem): FTS5 stems what it is given,
        // so a stem passed in would be stemmed twice ("diffus" → "diffu") and miss the title it came from.
        foreach (var spelling in spellings.Where(v => slipStems.Contains(PorterStemmer.Stem(v))).DistinctBy(PorterStemmer.Stem))
        {
            foreach (var (id, title) in Titles(connection, words.Select((w, i) => i == at ? spelling : w).Where((w, i) => !Tokenizer.IsStopWord(words[i]) || i == at).ToList()))
            {
                if (Holds(title, words, at) is { } token)
                {
                    found[id] = (title, token);
                }
            }
        }
        if (found.Count != 1)
        {
            return null;
        }
        var (paperId, (foundTitle, meantToken)) = found.First();
        // The name as the title spells it: the written name with the slipped word in the title's spelling and case.
        var original = Regex.Match(foundTitle, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(meantToken)}(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase);
        var spelled = original.Success ? original.Value : meantToken;
        var meant = Regex.Replace(name, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(word)}(?![\p{{L}}\p{{N}}])", spelled.Replace("$", "$$", StringComparison.Ordinal), RegexOptions.IgnoreCase);
        return new Correction(name, meant, paperId, foundTitle);
    }

    /// <summary>The title token at the slipped word's place, when the title holds the name's words in order with that
    /// one word one allowed slip away; null otherwise.</summary>
    private static string? Holds(string title, IReadOnlyList<string> words, int at)
    {
        var tokens = Tokenizer.Words(title);
        var stems = tokens.Select(PorterStemmer.Stem).ToList();
        for (var start = 0; start + words.Count <= tokens.Count; start++)
        {
            var ok = true;
            for (var j = 0; j < words.Count && ok; j++)
            {
                ok = j == at ? Allowed(words[j], tokens[start + j]) : stems[start + j] == PorterStemmer.Stem(words[j]);
            }
            if (ok)
            {
                return tokens[start + at];
            }
        }
        return null;
    }

    private static bool Allowed(string written, string stored) =>
        EditDistance.AtMostOne(written, stored) == 1
        && (written.Length != stored.Length ? Math.Min(written.Length, stored.Length) >= MinLettersForAMissingLetter : written.Length >= MinLettersForAChange);

    private static HashSet<string> Known(SqliteConnection connection, IReadOnlyList<string> stems)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        if (stems.Count == 0)
        {
            return known;
        }
        using var cmd = connection.CreateCommand();
        var names = new List<string>(stems.Count);
        for (var i = 0; i < stems.Count; i++)
        {
            names.Add("$s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            cmd.Parameters.AddWithValue(names[i], stems[i]);
        }
        cmd.CommandText = $"SELECT term FROM papers_vocab WHERE term IN ({string.Join(',', names)})";
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            known.Add(reader.GetString(0));
        }
        return known;
    }

    private static List<(string Id, string Title)> Titles(SqliteConnection connection, IReadOnlyList<string> words)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT p.id, p.title FROM papers_fts f JOIN papers p ON p.seq = f.rowid
            WHERE papers_fts MATCH $match ORDER BY bm25(papers_fts) LIMIT $limit
            """;
        cmd.Parameters.AddWithValue("$match", "title : (" + string.Join(" AND ", words.Distinct(StringComparer.Ordinal).Select(FtsQuery.Quote)) + ")");
        cmd.Parameters.AddWithValue("$limit", CandidateTitles);
        var titles = new List<(string, string)>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            titles.Add((reader.GetString(0), reader.GetString(1)));
        }
        return titles;
    }
}
