using PaperBot.Core.Storage;
using PaperBot.Core.Text;

namespace PaperBot.Core.Retrieval;

/// <summary>
/// Links words of a question to stored author and organisation names when they are not written exactly as stored:
/// accents and case ("wunlp" for "WüNLP", "zoe" for "Zoë") and one slip of the keyboard in a person's name ("Peiyi
/// Wnag", "tianyu lui"). The FTS5 index, which folds case and accents as the question's tokenizer does, gives the
/// papers whose author or organisation column holds the written words (all of them, or for a slip any one of them);
/// their stored names are then compared with the written one, folded, allowing one edit for names of six letters or
/// more. Only a bounded number of those papers' names is read, so nothing grows with the corpus.
/// </summary>
public sealed class StoredNameLinker(SqliteConnectionFactory database)
{
    // Papers whose names are compared for one written name: enough for any real name, bounded at any corpus size.
    private const int CandidatePapers = 400;

    // Shorter names are too close to each other ("Li Li", "Lei Li") for a slip to be told from another person.
    private const int MinLettersForAnEdit = 6;

    // Words remembered as held or not by the author and organisation columns; past this many the memory starts over.
    private const int WordsRemembered = 20_000;

    // Whether the author or organisation column of any paper holds a word, for the corpus version read last. A question
    // tries every run of one to four of its words as a name, and nearly all of those words are in no name: knowing
    // that without a query per run is most of what reading a question's names costs. A new set replaces the old one
    // whole when the corpus changes, so an answer found on the old corpus is never kept.
    private volatile HeldWords? _held;

    private sealed record HeldWords(CorpusVersion Version)
    {
        public System.Collections.Concurrent.ConcurrentDictionary<(string Column, string Word), bool> Words { get; } = new();
    }

    /// <summary>The stored author name the words stand for, or null.</summary>
    public string? Author(IReadOnlyList<string> words) => Link("authors", "paper_authors", words, allowEdit: true);

    /// <summary>The stored author name the words stand for but for accents and case (no slip), or null.</summary>
    public string? AuthorAsWritten(IReadOnlyList<string> words) => Link("authors", "paper_authors", words, allowEdit: false);

    /// <summary>The stored organisation name the words stand for (accents and case only: organisation tags are
    /// short, and one edit away from a tag is often another tag), or null.</summary>
    public string? Organisation(IReadOnlyList<string> words) => Link("orgs", "paper_orgs", words, allowEdit: false);

    /// <summary>
    /// Checks the corpus version, forgetting which words the name columns hold when an ingest has changed the corpus.
    /// Until it is called, every look-up asks the index; a long-lived owner calls it once per question.
    /// </summary>
    public void Refresh()
    {
        using var connection = database.Open();
        var version = CorpusVersion.Read(connection);
        if (_held is not { } held || held.Version != version || held.Words.Count > WordsRemembered)
        {
            _held = new HeldWords(version);
        }
    }

    /// <summary>Whether the column (authors or orgs) of any paper holds the word as the index reads it; false only
    /// when a query on the column for this word alone, and so for any run that has it, would find nothing.</summary>
    private bool ColumnHolds(string column, string word)
    {
        if (_held is not { } held)
        {
            return true;
        }
        return held.Words.GetOrAdd((column, word), static (key, db) =>
        {
            using var connection = db.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT EXISTS (SELECT 1 FROM papers_fts WHERE papers_fts MATCH $match)";
            cmd.Parameters.AddWithValue("$match", $"{key.Column} : {FtsQuery.Quote(key.Word)}");
            return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
        }, database);
    }

    private bool ColumnHoldsAll(string column, IReadOnlyList<string> words) => words.All(w => ColumnHolds(column, w));

    private string? Link(string column, string table, IReadOnlyList<string> words, bool allowEdit)
    {
        if (words.Count == 0 || words.Any(w => w.Length == 0))
        {
            return null;
        }
        var written = string.Concat(words);
        var best = (Name: (string?)null, Distance: int.MaxValue);
        var tied = false;
        foreach (var match in Matches(column, words, allowEdit))
        {
            foreach (var name in Names(table, match))
            {
                var folded = string.Concat(Tokenizer.Words(name));
                var distance = folded == written ? 0
                    : allowEdit && written.Length >= MinLettersForAnEdit && Tokenizer.Words(name).Count == words.Count ? EditDistance.AtMostOne(folded, written) : int.MaxValue;
                if (distance < best.Distance)
                {
                    best = (name, distance);
                    tied = false;
                }
                else if (distance == best.Distance && distance == 1 && Ingest.IngestService.NameKey(name) != Ingest.IngestService.NameKey(best.Name!))
                {
                    // Two people one slip away ("Lei Lu", "Lei Li" for "Lei Lii"): which one is meant cannot be told.
                    tied = true;
                }
            }
            if (best.Distance == 0)
            {
                break;
            }
        }
        return best.Distance == 0 || (best.Distance == 1 && !tied) ? best.Name : null;
    }

    /// <summary>FTS5 queries on one column: every word as written, then (for a slip) each word alone, so a name with one
    /// word mistyped is still found through the other.</summary>
    private IEnumerable<string> Matches(string column, IReadOnlyList<string> words, bool allowEdit)
    {
        if (ColumnHoldsAll(column, words))
        {
            yield return $"{column} : ({string.Join(" AND ", words.Select(FtsQuery.Quote))})";
        }
        if (!allowEdit || words.Count < 2)
        {
            yield break;
        }
        foreach (var word in words.Where(w => ColumnHolds(column, w)))
        {
            yield return $"{column} : {FtsQuery.Quote(word)}";
        }
    }

    /// <summary>How many papers' titles or abstracts use the word (as the index stems it), counted up to
    /// <paramref name="cap"/>: a one-word organisation that papers also use as a word ("meta") needs a cue.</summary>
    public int TextMentions(string word, int cap)
    {
        if (word.Length == 0)
        {
            return 0;
        }
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM (SELECT 1 FROM papers_fts WHERE papers_fts MATCH $match LIMIT $cap)";
        cmd.Parameters.AddWithValue("$match", $"{{title abstract}} : {FtsQuery.Quote(word)}");
        cmd.Parameters.AddWithValue("$cap", cap);
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Ids of the papers whose title or abstract uses the word (as the index stems it), at most <paramref name="cap"/>, newest first.</summary>
    public IReadOnlyList<string> Mentioning(string word, int cap)
    {
        var ids = new List<string>();
        if (Tokenizer.Words(word) is not { Count: > 0 } words)
        {
            return ids;
        }
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT p.id FROM papers p WHERE p.seq IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH $match)
            ORDER BY p.date_sort DESC, p.seq LIMIT $cap
            """;
        cmd.Parameters.AddWithValue("$match", $"{{title abstract}} : ({string.Join(" AND ", words.Select(FtsQuery.Quote))})");
        cmd.Parameters.AddWithValue("$cap", cap);
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    /// <summary>
    /// Whether the papers that use the word write it as a proper name: no title uses it, and in the abstracts (at most
    /// <paramref name="cap"/> of them) every occurrence is capitalised, at least one of them inside a sentence ("Google
    /// Search"), none in lower case ("tabular data"). So "Google papers" asks for an organisation's papers, while the
    /// subject of "tabular papers" is a word like any other.
    /// </summary>
    public bool WrittenAsName(string word, int cap)
    {
        if (word.Length < 2)
        {
            return false;
        }
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT (SELECT count(*) FROM (SELECT 1 FROM papers_fts WHERE papers_fts MATCH $title LIMIT 1)),
                   p.abstract
            FROM papers_fts f JOIN papers p ON p.seq = f.rowid WHERE papers_fts MATCH $abstract LIMIT $cap
            """;
        cmd.Parameters.AddWithValue("$title", $"{{title}} : {FtsQuery.Quote(word)}");
        cmd.Parameters.AddWithValue("$abstract", $"{{abstract}} : {FtsQuery.Quote(word)}");
        cmd.Parameters.AddWithValue("$cap", cap);
        using var reader = cmd.ExecuteReader();
        var inside = false;
        while (reader.Read())
        {
            if (reader.GetInt32(0) > 0)
            {
                return false;
            }
            var text = reader.GetString(1);
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text,
                $@"(?<![\p{{L}}\p{{N}}]){System.Text.RegularExpressions.Regex.Escape(word)}", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
            {
                if (!char.IsUpper(text[m.Index]))
                {
                    return false;
                }
                var before = text[..m.Index].TrimEnd();
                inside |= before.Length > 0 && before[^1] is not ('.' or '!' or '?' or ':');
            }
        }
        return inside;
    }

    /// <summary>How many papers are tagged with the stored organisation name.</summary>
    public int OrganisationTags(string name)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT count(DISTINCT paper_id) FROM paper_orgs WHERE name_key = $key";
        cmd.Parameters.AddWithValue("$key", Ingest.IngestService.NameKey(name));
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The one stored person whose family name (the stored name's last word) is the written word ("Sui" for Zhifang Sui);
    /// null when no stored author has that family name, or several different people do ("Li"), since which is meant
    /// cannot be told. Case and accents aside, no slip.
    /// </summary>
    public string? AuthorByFamilyName(string word)
    {
        if (word.Length == 0 || !ColumnHolds("authors", word))
        {
            return null;
        }
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Names("paper_authors", $"authors : {FtsQuery.Quote(word)}"))
        {
            var stored = Tokenizer.Words(name);
            if (stored.Count >= 2 && stored[^1] == word)
            {
                found.TryAdd(Ingest.IngestService.NameKey(name), name);
            }
        }
        return found.Count == 1 ? found.Values.Single() : null;
    }

    /// <summary>
    /// The one stored organisation whose name begins with the written words and goes on ("microsoft" for the tag
    /// "microsoft-research"); null when none does or when several different ones do, since which is meant cannot be told.
    /// </summary>
    public string? OrganisationStartingWith(IReadOnlyList<string> words)
    {
        if (words.Count == 0 || words.Any(w => w.Length == 0) || !ColumnHoldsAll("orgs", words))
        {
            return null;
        }
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Names("paper_orgs", $"orgs : ({string.Join(" AND ", words.Select(FtsQuery.Quote))})"))
        {
            var stored = Tokenizer.Words(name);
            if (stored.Count > words.Count && stored.Take(words.Count).SequenceEqual(words, StringComparer.Ordinal))
            {
                found.TryAdd(string.Concat(stored), name);
            }
        }
        return found.Count == 1 ? found.Values.Single() : null;
    }

    /// <summary>
    /// The stored authors one slip from a person's name no author is stored as ("Junqin He" for Junqing He): as many
    /// words, each as stored but one, and that one a letter changed, added or missing, or two neighbours swapped. Names
    /// of fewer than six letters are left out, as for <see cref="Author"/> ("Ke Xi" may well be another person than
    /// Ke Xu). One name: the written one can be taken as it; several: which is meant cannot be told. Candidates are the
    /// names of papers whose author column holds one of the written words as written, which the one right word must be.
    /// </summary>
    public IReadOnlyList<string> AuthorsOneSlipAway(IReadOnlyList<string> words)
    {
        if (words.Count < 2 || words.Any(w => w.Length == 0) || string.Concat(words).Length < MinLettersForAnEdit)
        {
            return [];
        }
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var word in words.Distinct(StringComparer.Ordinal).Where(w => ColumnHolds("authors", w)))
        {
            foreach (var name in Names("paper_authors", $"authors : {FtsQuery.Quote(word)}"))
            {
                var stored = Tokenizer.Words(name);
                if (stored.Count == words.Count && OneWordOneSlip(stored, words))
                {
                    found.TryAdd(Ingest.IngestService.NameKey(name), name);
                }
            }
        }
        return found.Values.Order(StringComparer.Ordinal).ToList();
    }

    private static bool OneWordOneSlip(IReadOnlyList<string> stored, IReadOnlyList<string> written)
    {
        var slips = 0;
        for (var i = 0; i < stored.Count; i++)
        {
            var distance = EditDistance.AtMostOne(stored[i], written[i]);
            if (distance > 1 || (slips += distance) > 1)
            {
                return false;
            }
        }
        return slips == 1;
    }

    /// <summary>
    /// A stored author (or organisation) name close to a written one that is not stored: at most two slips for a name
    /// of eight letters or more, one for a shorter one ("Damia Dia" → Damai Dai, "tsinghau" → tsinghua). It is only
    /// offered ("did you mean …?"), never used as the filter. Null when none is that close or two are equally close.
    /// </summary>
    public string? Closest(IReadOnlyList<string> words, bool organisation)
    {
        if (words.Count == 0 || words.Any(w => w.Length < 2))
        {
            return null;
        }
        var written = string.Concat(words);
        var max = written.Length >= 8 ? 2 : 1;
        var (column, table) = organisation ? ("orgs", "paper_orgs") : ("authors", "paper_authors");
        // Candidates share the first two letters of one of the written words: slips are rarely made that early.
        var match = $"{column} : ({string.Join(" OR ", words.Select(w => FtsQuery.Quote(w[..2]) + "*"))})";
        var best = (Name: (string?)null, Distance: max + 1);
        var tied = false;
        foreach (var name in Names(table, match))
        {
            var stored = Tokenizer.Words(name);
            if (!organisation && stored.Count != words.Count)
            {
                continue;
            }
            var distance = EditDistance.Bounded(string.Concat(stored), written, max);
            if (distance < best.Distance)
            {
                best = (name, distance);
                tied = false;
            }
            else if (distance == best.Distance && distance <= max && Ingest.IngestService.NameKey(name) != Ingest.IngestService.NameKey(best.Name!))
            {
                tied = true;
            }
        }
        return best.Distance <= max && !tied ? best.Name : null;
    }

    /// <summary>The distinct stored names of the papers an FTS5 query finds, reading at most <see cref="CandidatePapers"/> papers.</summary>
    private List<string> Names(string table, string match)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"""
            SELECT DISTINCT n.name FROM {table} n
            WHERE n.paper_id IN (SELECT p.id FROM papers_fts f JOIN papers p ON p.seq = f.rowid WHERE papers_fts MATCH $match LIMIT $limit)
            """;
        cmd.Parameters.AddWithValue("$match", match);
        cmd.Parameters.AddWithValue("$limit", CandidatePapers);
        using var reader = cmd.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }
}
