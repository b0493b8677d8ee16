using PaperBot.Core.Storage;
using PaperBot.Core.Text;

namespace PaperBot.Core.Retrieval;

/// <summary>
/// Finds the stored paper a person names ("StableMoE", "the alignment faking paper", a quoted title) by its title
/// alone: the FTS5 title column gives the candidates holding every content word, and a candidate matches when
/// the name's words (stemmed) appear in its title in order, or at least all of them. Nothing is loaded whole, so
/// this stays cheap at a million papers.
/// </summary>
public sealed class TitleFinder(SqliteConnectionFactory database)
{
    private const int Candidates = 50;

    /// <param name="Phrase">The title holds the name's words in the name's order.</param>
    /// <param name="Leads">The title opens with them.</param>
    public sealed record TitleMatch(string Id, string Title, bool Phrase, bool Leads);

    /// <summary>The best title match, or null when no stored title holds the name's words. A name of two or three words
    /// that no title holds is also looked for run together, as titles write names ("periodic lora" for PeriodicLoRA).</summary>
    public TitleMatch? Find(string name)
    {
        var words = Tokenizer.Words(name);
        return Find(words) ?? (words.Count is 2 or 3 && words.All(w => w.Any(char.IsLetter)) ? Find([string.Concat(words)]) : null)
            ?? (LongFormsSpelledOut(name, words) is { } spelled ? Find(spelled) : null);
    }

    /// <summary>
    /// "the LLMs-are-not-fair-evaluators paper" for "Large Language Models are not Fair Evaluators": the name with each
    /// acronym the corpus spells out (mined at ingest, its most used long form; a plural "s" kept off) written long. Null
    /// when the name has no such acronym. Only words written as acronyms (two capitals or more: "LLMs", "MoE") count, so
    /// a word that is also some paper's acronym ("fair") stays a word; two-letter acronyms are left alone, as in
    /// <see cref="AcronymExpander"/>.
    /// </summary>
    private List<string>? LongFormsSpelledOut(string name, IReadOnlyList<string> words)
    {
        var written = System.Text.RegularExpressions.Regex.Split(name, @"[^\p{L}\p{N}]+").Where(w => w.Length > 0).ToList();
        if (written.Count != words.Count || words.Count < 2)
        {
            return null;
        }
        var candidates = words.Where((w, i) => w.Length is >= 3 and <= 11 && written[i].Count(char.IsUpper) >= 2).ToHashSet(StringComparer.Ordinal);
        if (candidates.Count == 0)
        {
            return null;
        }
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT long_key FROM paper_acronyms WHERE short = $short GROUP BY long_key ORDER BY count(*) DESC, long_key LIMIT 1";
        var shortParameter = cmd.Parameters.Add("$short", Microsoft.Data.Sqlite.SqliteType.Text);
        var spelled = new List<string>();
        var any = false;
        foreach (var word in words)
        {
            string? longForm = null;
            foreach (var key in new[] { word, word.EndsWith('s') ? word[..^1] : null }.OfType<string>().Where(k => k.Length >= 3 && candidates.Contains(word)))
            {
                shortParameter.Value = key;
                if (cmd.ExecuteScalar() is string found)
                {
                    longForm = found;
                    break;
                }
            }
            if (longForm is null)
            {
                spelled.Add(word);
            }
            else
            {
                spelled.AddRange(longForm.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                any = true;
            }
        }
        return any ? spelled : null;
    }

    private TitleMatch? Find(IReadOnlyList<string> words)
    {
        var content = words.Where(w => !Tokenizer.IsStopWord(w)).Distinct(StringComparer.Ordinal).ToList();
        if (content.Count == 0 || content.Count > FtsQuery.MaxTerms)
        {
            return null;
        }
        var stems = words.Select(PorterStemmer.Stem).ToList();
        var contentStems = content.Select(PorterStemmer.Stem).ToHashSet(StringComparer.Ordinal);
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT p.id, p.title FROM papers_fts f JOIN papers p ON p.seq = f.rowid
            WHERE papers_fts MATCH $match ORDER BY bm25(papers_fts) LIMIT $limit
            """;
        cmd.Parameters.AddWithValue("$match", "title : (" + string.Join(" AND ", content.Select(FtsQuery.Quote)) + ")");
        cmd.Parameters.AddWithValue("$limit", Candidates);
        var matches = new List<(TitleMatch Match, bool Leads, int Length)>();
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                var title = reader.GetString(1);
                var titleStems = Tokenizer.Words(title).Select(PorterStemmer.Stem).ToList();
                var at = IndexOf(titleStems, stems);
                if (at >= 0)
                {
                    matches.Add((new TitleMatch(reader.GetString(0), title, Phrase: true, Leads: at == 0), at == 0, titleStems.Count));
                }
                else if (contentStems.All(titleStems.Contains))
                {
                    matches.Add((new TitleMatch(reader.GetString(0), title, Phrase: false, Leads: false), false, titleStems.Count));
                }
            }
        }
        // A title that holds the name as written beats one that merely holds its words; one that starts with it
        // ("FSM: A Finite State…" for "FSM", not "SG-FSM: …") beats one that has it inside; then the shorter title.
        return matches
            .OrderByDescending(m => m.Match.Phrase)
            .ThenByDescending(m => m.Leads)
            .ThenBy(m => m.Length)
            .Select(m => m.Match)
            .FirstOrDefault();
    }

    // Papers writing a name read for whether one presents it as its own; a name written by more is a common one ("GPT-4").
    private const int IntroducedProbe = 3;

    /// <summary>
    /// True when a paper's abstract presents the name as what it contributes ("In this paper, we present T1 to scale RL",
    /// "we propose X", "a method called X", "X, a framework that …"): then "the T1 paper" is that paper, named by its
    /// method rather than its title. A name the abstracts only mention ("outperforms GPT-4"), or one more than a few
    /// papers write, is not.
    /// </summary>
    public bool IntroducedInText(string name) => Introducing(name).Count > 0;

    /// <summary>The paper whose abstract presents the name as its own (as <see cref="IntroducedInText"/> reads it), when
    /// exactly one does: "the FIB paper" is "Evaluating the Factual Consistency of …" ("we propose a new benchmark called
    /// FIB"). Null when none does or several do.</summary>
    public TitleMatch? IntroducingPaper(string name) =>
        Introducing(name) is [var only] ? new TitleMatch(only.Id, only.Title, Phrase: false, Leads: false) : null;

    private List<(string Id, string Title)> Introducing(string name)
    {
        var words = Tokenizer.Words(name);
        var written = name.Trim();
        if (words.Count == 0 || written.Length == 0)
        {
            return [];
        }
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT p.id, p.title, p.abstract FROM papers_fts f JOIN papers p ON p.seq = f.rowid WHERE papers_fts MATCH $phrase LIMIT $limit";
        cmd.Parameters.AddWithValue("$phrase", "abstract : \"" + string.Join(' ', words).Replace("\"", "", StringComparison.Ordinal) + "\"");
        cmd.Parameters.AddWithValue("$limit", IntroducedProbe + 1);
        var abstracts = new List<(string Id, string Title, string Abstract)>();
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                abstracts.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? "" : reader.GetString(2)));
            }
        }
        if (abstracts.Count is 0 or > IntroducedProbe)
        {
            return [];
        }
        var n = System.Text.RegularExpressions.Regex.Escape(written);
        var introduced = new System.Text.RegularExpressions.Regex(
            $@"\b(?:we|this\s+(?:paper|work|study))\s+(?:\w+\s+){{0,2}}?(?:present|propose|introduce|develop|release|build|design|call|name|dub|term)(?:s|d|ed)?\s+(?:\w+\s+){{0,4}}?{n}(?![\p{{L}}\p{{N}}])"
            + $@"|\b(?:called|named|dubbed|termed|coined)\s+{n}(?![\p{{L}}\p{{N}}])"
            + $@"|(?<![\p{{L}}\p{{N}}]){n}\s*(?:\([^)]*\)\s*)?,\s+(?:a|an)\s",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        return abstracts.Where(a => introduced.IsMatch(a.Abstract)).Select(a => (a.Id, a.Title)).ToList();
    }

    /// <summary>True when some paper's title, abstract, authors or organisations hold the name's words in this order
    /// (an FTS5 phrase query: an index look-up, cheap at any corpus size).</summary>
    public bool OccursInText(string name)
    {
        var words = Tokenizer.Words(name);
        if (words.Count == 0)
        {
            return false;
        }
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT 1 FROM papers_fts WHERE papers_fts MATCH $phrase LIMIT 1";
        cmd.Parameters.AddWithValue("$phrase", "\"" + string.Join(' ', words).Replace("\"", "", StringComparison.Ordinal) + "\"");
        return cmd.ExecuteScalar() is not null;
    }

    private static int IndexOf(IReadOnlyList<string> haystack, IReadOnlyList<string> needle)
    {
        for (var i = 0; i + needle.Count <= haystack.Count; i++)
        {
            var all = true;
            for (var j = 0; j < needle.Count && all; j++)
            {
                all = haystack[i + j] == needle[j];
            }
            if (all)
            {
                return i;
            }
        }
        return -1;
    }
}
