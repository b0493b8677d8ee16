using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using PaperBot.Core.Text;

namespace PaperBot.Core.Retrieval;

/// <summary>
/// Reads the question's unknown names written as abbreviations in capitals ("FAQ", "MCQs") for signs that they are
/// ordinary vocabulary: an everyday abbreviation, or one whose long form the papers write without ever abbreviating it
/// ("multiple-choice questions"). The papers' own abbreviations are bridged before this (<see cref="AcronymExpander"/>).
/// </summary>
public static partial class SpelledOutAbbreviations
{
    public static IReadOnlyList<AbbreviationUse> Of(SqliteConnection connection, string question, IReadOnlyList<string> unknownNames)
    {
        var uses = new List<AbbreviationUse>();
        foreach (var name in unknownNames)
        {
            var written = Regex.Match(question, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(name)}(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            if (!written.Success || Abbreviation().Match(written.Value) is not { Success: true } abbreviation)
            {
                continue;
            }
            var letters = abbreviation.Groups["letters"].Value;
            var (expansion, papers) = Expansion(connection, letters);
            uses.Add(new AbbreviationUse(name, written.Value, EverydayAbbreviations.Contains(written.Value), expansion, papers));
        }
        return uses;
    }

    /// <summary>The phrase of consecutive words, none a stop word, whose initials spell <paramref name="letters"/> that
    /// the most papers write (title or abstract; a final plural s ignored), and in how many papers. Candidates come from
    /// one FTS5 query of prefix tokens in a row ("m* + c* + q*").</summary>
    internal static (string? Phrase, int Papers) Expansion(SqliteConnection connection, string letters)
    {
        var lower = letters.ToLowerInvariant();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT p.title, p.abstract FROM papers_fts f JOIN papers p ON p.seq = f.rowid WHERE papers_fts MATCH $match";
        cmd.Parameters.AddWithValue("$match", "{title abstract} : (" + string.Join(" + ", lower.Select(c => c + "*")) + ")");
        var papers = new Dictionary<string, int>(StringComparer.Ordinal);
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                var found = new HashSet<string>(StringComparer.Ordinal);
                foreach (var text in new[] { reader.GetString(0), reader.GetString(1) })
                {
                    var words = Word().Matches(text).Select(m => m.Value.ToLowerInvariant()).ToList();
                    for (var i = 0; i + lower.Length <= words.Count; i++)
                    {
                        var run = words.GetRange(i, lower.Length);
                        if (run.Select((w, k) => w[0] == lower[k] && !Tokenizer.IsStopWord(w)).All(ok => ok))
                        {
                            var phrase = string.Join(' ', run);
                            found.Add(phrase.EndsWith('s') ? phrase[..^1] : phrase);
                        }
                    }
                }
                foreach (var phrase in found)
                {
                    papers[phrase] = papers.GetValueOrDefault(phrase) + 1;
                }
            }
        }
        return papers.Count == 0 ? (null, 0) : papers.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, kv.Value)).First();
    }

    // Three to six capitals, a plural written with a small s allowed ("MCQs"); two capitals are no name (NamedTerms).
    [GeneratedRegex(@"^(?<letters>[A-Z]{3,6})s?$", RegexOptions.CultureInvariant)]
    private static partial Regex Abbreviation();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
