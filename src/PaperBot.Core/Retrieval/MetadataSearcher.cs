using PaperBot.Core.Ingest;
using PaperBot.Core.Storage;

namespace PaperBot.Core.Retrieval;

/// <summary>Answers <see cref="MetadataQuery"/> conditions with one SQL query over the papers and their authors and organisations.</summary>
public sealed class MetadataSearcher(SqliteConnectionFactory database)
{
    /// <summary>How many papers meet the query's conditions (its order and limit aside; newest or oldest counts the papers
    /// dated with a year, most upvoted those with an upvote count, most or fewest authors those with an author count).</summary>
    public int Count(MetadataQuery query)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        var where = Where(cmd, query);
        cmd.CommandText = $"SELECT count(*) FROM papers p WHERE {where}";
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The author (or organisation) names on the most papers, with their paper counts, keeping every name tied with the
    /// last one shown; with a topic, counted over the topic's papers only. Also how many papers name any author (or
    /// organisation) at all, since a listing that names none counts for nobody.
    /// </summary>
    public (IReadOnlyList<(string Name, int Papers)> Names, int Named) TopNames(bool organisations, int limit, string? topic)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        var table = organisations ? "paper_orgs" : "paper_authors";
        var scope = NamesOnTopic(connection, cmd, topic);
        // Ties past the limit are kept, up to a bound, so the cost stays that of reading a few rows.
        cmd.CommandText = $"SELECT min(n.name), count(DISTINCT n.paper_id) AS c FROM {table} n WHERE 1 = 1 {scope} GROUP BY n.name_key ORDER BY c DESC, min(n.name) LIMIT $cap";
        cmd.Parameters.AddWithValue("$cap", limit + 20);
        var names = new List<(string, int)>();
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                var papers = reader.GetInt32(1);
                if (names.Count >= limit && papers < names[^1].Item2)
                {
                    break;
                }
                names.Add((reader.GetString(0), papers));
            }
        }
        cmd.CommandText = $"SELECT count(DISTINCT n.paper_id) FROM {table} n WHERE 1 = 1 {scope}";
        var named = Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        return (names, named);
    }

    /// <summary>
    /// The author (or organisation) names whose papers' upvotes add up to the most, with that sum and how many of their
    /// papers give an upvote count, keeping every name tied with the last one shown; with a topic, over the topic's papers
    /// only. Also how many papers name any author (or organisation), and how many of those give an upvote count: when
    /// none does, no name can be ranked by upvotes at all.
    /// </summary>
    public (IReadOnlyList<(string Name, int Upvotes, int Papers)> Names, int Named, int NamedWithUpvotes) TopNamesByUpvotes(bool organisations, int limit, string? topic)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        var table = organisations ? "paper_orgs" : "paper_authors";
        var scope = NamesOnTopic(connection, cmd, topic);
        cmd.CommandText = $"""
            SELECT min(n.name), sum(p.upvotes) AS votes, count(DISTINCT n.paper_id)
            FROM {table} n JOIN papers p ON p.id = n.paper_id
            WHERE p.upvotes IS NOT NULL {scope}
            GROUP BY n.name_key ORDER BY votes DESC, min(n.name) LIMIT $cap
            """;
        cmd.Parameters.AddWithValue("$cap", limit + 20);
        var names = new List<(string, int, int)>();
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                var votes = reader.GetInt32(1);
                if (names.Count >= limit && votes < names[^1].Item2)
                {
                    break;
                }
                names.Add((reader.GetString(0), votes, reader.GetInt32(2)));
            }
        }
        cmd.CommandText = $"SELECT count(DISTINCT n.paper_id), count(DISTINCT CASE WHEN p.upvotes IS NOT NULL THEN n.paper_id END) FROM {table} n JOIN papers p ON p.id = n.paper_id WHERE 1 = 1 {scope}";
        using var counts = cmd.ExecuteReader();
        counts.Read();
        return (names, counts.GetInt32(0), counts.GetInt32(1));
    }

    /// <summary>The condition ("AND …", or "" without a topic) that keeps the rows of a name table (alias n) on the topic's
    /// papers, its parameter added to the command.</summary>
    private static string NamesOnTopic(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteCommand cmd, string? topic)
    {
        if (TopicMatch(connection, topic is null ? [] : [topic]) is not { } match)
        {
            return "";
        }
        cmd.Parameters.AddWithValue("$topic", match);
        return "AND n.paper_id IN (SELECT p.id FROM papers p WHERE p.seq IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH $topic))";
    }

    /// <summary>How many of the papers that name authors (of the topic's papers, when given) show only the first few ("et al.").</summary>
    public int TruncatedAuthorLists(string? topic)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        var scope = "";
        if (TopicMatch(connection, topic is null ? [] : [topic]) is { } match)
        {
            scope = "AND p.seq IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH $topic)";
            cmd.Parameters.AddWithValue("$topic", match);
        }
        cmd.CommandText = $"SELECT count(*) FROM papers p WHERE p.authors_json <> '[]' AND p.authors_complete = 0 {scope}";
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Papers per listed year, most first (then the later year), over the papers whose date gives a year.</summary>
    public IReadOnlyList<(int Year, int Papers)> PapersPerYear()
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT CAST(substr(date, 1, 4) AS INTEGER) AS y, count(*) AS c FROM papers WHERE year_known = 1 GROUP BY y ORDER BY c DESC, y DESC";
        using var reader = cmd.ExecuteReader();
        var years = new List<(int, int)>();
        while (reader.Read())
        {
            years.Add((reader.GetInt32(0), reader.GetInt32(1)));
        }
        return years;
    }

    /// <summary>What the listings hold, counted over every paper: "how many papers are there?", "how many authors?".</summary>
    public CollectionCounts Collection()
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT count(*), coalesce(sum(year_known = 1), 0), coalesce(sum(date_sort IS NOT NULL AND coalesce(year_known, 0) = 0), 0),
                   coalesce(sum(authors_json <> '[]'), 0), coalesce(sum(authors_json <> '[]' AND authors_complete = 0), 0),
                   coalesce(sum(orgs_json <> '[]'), 0), coalesce(sum(upvotes IS NOT NULL), 0), coalesce(sum(has_code = 1), 0),
                   (SELECT count(DISTINCT name_key) FROM paper_authors), (SELECT count(DISTINCT name_key) FROM paper_orgs)
            FROM papers
            """;
        using var reader = cmd.ExecuteReader();
        reader.Read();
        return new CollectionCounts(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4),
            reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9));
    }

    /// <summary>
    /// How many papers meeting the query's conditions other than the date give a date with a year, a month and day
    /// without one, or none: "papers from 2025" counts only what the listings date, and the answer says how much that is.
    /// </summary>
    public (int Papers, int WithYear, int WithoutYear) DateCoverage(MetadataQuery query)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        var scope = query with { FromDate = null, ToDate = null, OtherDates = [], MonthOfYear = null, DayOfMonth = null, Order = MetadataOrder.Default, Limit = null };
        var where = Where(cmd, scope);
        cmd.CommandText = $"SELECT count(*), coalesce(sum(p.year_known = 1), 0), coalesce(sum(p.date_sort IS NOT NULL AND coalesce(p.year_known, 0) = 0), 0) FROM papers p WHERE {where}";
        using var reader = cmd.ExecuteReader();
        reader.Read();
        return (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
    }

    /// <summary>
    /// How many papers meet the query's conditions other than the author count (or the category), and how many of them
    /// give one: "papers with more than 10 authors" can only count the listings that give an author count, and the
    /// answer says how many do.
    /// </summary>
    public (int Papers, int Giving) Coverage(MetadataQuery query, bool category)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        var scope = category ? query with { Category = null } : query with { MinAuthors = null, MaxAuthors = null };
        var where = Where(cmd, scope with { Order = MetadataOrder.Default, Limit = null });
        var column = category ? "p.category" : "p.n_authors";
        cmd.CommandText = $"SELECT count(*), coalesce(sum({column} IS NOT NULL), 0) FROM papers p WHERE {where}";
        using var reader = cmd.ExecuteReader();
        reader.Read();
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>Seq and id of every matching paper, in the query's order. A limit of one keeps every paper tied for first.</summary>
    public IReadOnlyList<(long Seq, string Id)> Find(MetadataQuery query)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        var where = Where(cmd, query);
        var (orderBy, key) = query.Order switch
        {
            MetadataOrder.MostUpvoted => ("p.upvotes DESC, p.seq", "p.upvotes"),
            MetadataOrder.Oldest => ("p.date_sort ASC, p.seq", "p.date_sort"),
            MetadataOrder.MostAuthors => ("p.n_authors DESC, p.date_sort DESC, p.seq", "p.n_authors"),
            MetadataOrder.FewestAuthors => ("p.n_authors ASC, p.date_sort DESC, p.seq", "p.n_authors"),
            _ => ("p.date_sort DESC, p.seq", "p.date_sort"),
        };
        cmd.CommandText = $"SELECT p.seq, p.id, {key} FROM papers p WHERE {where} ORDER BY {orderBy}";
        using var reader = cmd.ExecuteReader();
        var result = new List<(long, string)>();
        object? first = null;
        while (reader.Read())
        {
            var sortValue = reader.IsDBNull(2) ? null : reader.GetValue(2);
            if (query.Limit is { } limit && result.Count >= limit && !(limit == 1 && Equals(sortValue, first)))
            {
                break;
            }
            first ??= sortValue;
            result.Add((reader.GetInt64(0), reader.GetString(1)));
        }
        return result;
    }

    /// <summary>The WHERE clause of the query's conditions, its parameters added to the command.</summary>
    private static string Where(Microsoft.Data.Sqlite.SqliteCommand cmd, MetadataQuery query)
    {
        var where = new List<string> { "1 = 1" };
        if (query.Author is not null)
        {
            Names("paper_authors", "author", [query.Author, .. query.CoAuthors], query.AnyAuthor);
        }
        if (query.Org is not null)
        {
            Names("paper_orgs", "org", [query.Org, .. query.OtherOrgs], query.AnyOrg);
        }
        if (query.FromDate is not null || query.ToDate is not null || query.Order is MetadataOrder.Newest or MetadataOrder.Oldest)
        {
            where.Add("p.year_known = 1");
        }
        var spans = new List<string>();
        if (query.FromDate is { } from)
        {
            spans.Add("p.date_sort >= $from");
            cmd.Parameters.AddWithValue("$from", from);
        }
        if (query.ToDate is { } to)
        {
            spans.Add("p.date_sort <= $to");
            cmd.Parameters.AddWithValue("$to", to);
        }
        if (spans.Count > 0 && query.OtherDates.Count > 0)
        {
            // "2021 or 2025": any one of the spans.
            var either = new List<string> { string.Join(" AND ", spans) };
            for (var i = 0; i < query.OtherDates.Count; i++)
            {
                either.Add($"p.date_sort BETWEEN $from{i} AND $to{i}");
                cmd.Parameters.AddWithValue($"$from{i}", query.OtherDates[i].From);
                cmd.Parameters.AddWithValue($"$to{i}", query.OtherDates[i].To);
            }
            spans = [$"(({string.Join(") OR (", either)}))"];
        }
        where.AddRange(spans);
        if (query.MonthOfYear is { } month)
        {
            // The sort key is yyyymmdd for a date with a year and mmdd for one without: the month is the same digits.
            where.Add("p.date_sort IS NOT NULL AND (p.date_sort / 100) % 100 = $month");
            cmd.Parameters.AddWithValue("$month", month);
            if (query.DayOfMonth is { } day)
            {
                where.Add("p.date_sort % 100 = $day");
                cmd.Parameters.AddWithValue("$day", day);
            }
        }
        if (query.WithCode || query.CodeFlagged)
        {
            where.Add("p.has_code = 1");
        }
        if (query.WithoutCode && !query.WithCode)
        {
            where.Add("COALESCE(p.has_code, 0) = 0");
        }
        if (query.CodeFlagged)
        {
            // Only a listing card's header (score, category, date, and the Code flag) gives a score.
            where.Add("p.score IS NOT NULL");
        }
        if (query.MinUpvotes is { } min)
        {
            where.Add("p.upvotes >= $minUpvotes");
            cmd.Parameters.AddWithValue("$minUpvotes", min);
        }
        if (query.MaxUpvotes is { } max)
        {
            where.Add("p.upvotes IS NOT NULL AND p.upvotes <= $maxUpvotes");
            cmd.Parameters.AddWithValue("$maxUpvotes", max);
        }
        if (query.MinAuthors is { } fewestAuthors)
        {
            where.Add("p.n_authors >= $minAuthors");
            cmd.Parameters.AddWithValue("$minAuthors", fewestAuthors);
        }
        if (query.MaxAuthors is { } mostAuthors)
        {
            where.Add("p.n_authors IS NOT NULL AND p.n_authors <= $maxAuthors");
            cmd.Parameters.AddWithValue("$maxAuthors", mostAuthors);
        }
        if (query.Category is { } category)
        {
            where.Add("p.category = $category COLLATE NOCASE");
            cmd.Parameters.AddWithValue("$category", category);
        }
        // "by A or B": one EXISTS over all the names; "by both A and B": one EXISTS for each.
        void Names(string table, string parameter, IReadOnlyList<string> names, bool any)
        {
            var keys = names.Select((name, i) => (Parameter: $"${parameter}{i}", Key: IngestService.NameKey(name))).ToList();
            foreach (var (p, key) in keys)
            {
                cmd.Parameters.AddWithValue(p, key);
            }
            if (any)
            {
                where.Add($"EXISTS (SELECT 1 FROM {table} n WHERE n.paper_id = p.id AND n.name_key IN ({string.Join(", ", keys.Select(k => k.Parameter))}))");
                return;
            }
            where.AddRange(keys.Select(k => $"EXISTS (SELECT 1 FROM {table} n WHERE n.paper_id = p.id AND n.name_key = {k.Parameter})"));
        }
        if (query.Order == MetadataOrder.MostUpvoted)
        {
            where.Add("p.upvotes IS NOT NULL");
        }
        if (query.ByAuthorCount)
        {
            where.Add("p.n_authors IS NOT NULL");
        }
        if (TopicMatch(cmd.Connection!, query.Topics) is { } topic)
        {
            where.Add("p.seq IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH $topic)");
            cmd.Parameters.AddWithValue("$topic", topic);
        }
        return string.Join(" AND ", where);
    }

    /// <summary>
    /// The FTS5 query a metadata topic is (several topics: a paper about any one of them). One word: the word in the
    /// title or abstract. Several: the words within <see cref="TopicWordsApart"/> words of one another in the title or
    /// the abstract ("continual learning", "continually learn", "learning continually"), or the topic's rarest word in the
    /// title and the others anywhere ("Large Continual Instruction Assistant" is about continual learning). Every word
    /// anywhere (the rule before) took in SelfBudgeter, whose abstract says "continue" (stemmed as "continual" is) and
    /// "learning" far apart. All stemmed as the index stems them.
    /// </summary>
    internal static string? TopicMatch(Microsoft.Data.Sqlite.SqliteConnection connection, IReadOnlyList<string> topics)
    {
        var alternatives = new List<string>();
        foreach (var topic in topics)
        {
            var words = Text.Tokenizer.ContentWords(topic ?? "").Distinct(StringComparer.Ordinal).ToList();
            if (words.Count == 0)
            {
                continue;
            }
            if (words.Count == 1)
            {
                alternatives.Add($"{{title abstract}} : {FtsQuery.Quote(words[0])}");
                continue;
            }
            var quoted = words.Select(FtsQuery.Quote).ToList();
            var rarest = Rarest(connection, words);
            alternatives.Add($"({{title abstract}} : NEAR({string.Join(' ', quoted)}, {TopicWordsApart})) OR (title : {FtsQuery.Quote(rarest)} AND {{title abstract}} : ({string.Join(" AND ", quoted)}))");
        }
        return alternatives.Count switch
        {
            0 => null,
            1 => alternatives[0],
            _ => string.Join(" OR ", alternatives.Select(a => $"({a})")),
        };
    }

    /// <summary>How many other words may stand between a topic's words: "continual evaluation for lifelong learning".</summary>
    private const int TopicWordsApart = 3;

    /// <summary>The word of the topic fewest papers use (the index's own counts of its stem); the first on a tie.</summary>
    private static string Rarest(Microsoft.Data.Sqlite.SqliteConnection connection, IReadOnlyList<string> words)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT doc FROM papers_vocab WHERE term = $term";
        var term = cmd.Parameters.Add("$term", Microsoft.Data.Sqlite.SqliteType.Text);
        var best = words[0];
        var fewest = long.MaxValue;
        foreach (var word in words)
        {
            term.Value = Text.PorterStemmer.Stem(word);
            var docs = cmd.ExecuteScalar() is long n ? n : 0;
            if (docs < fewest)
            {
                (best, fewest) = (word, docs);
            }
        }
        return best;
    }

    /// <summary>Of the given papers, those whose title or abstract has every one of the words (stemmed as the index
    /// stems them): a metadata question's topic must be what the paper is about, not a word or two it shares.</summary>
    public IReadOnlySet<string> HavingAllWords(IReadOnlyCollection<string> ids, IReadOnlyList<string> words)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (ids.Count == 0 || words.Count == 0)
        {
            return result;
        }
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        var names = ids.Select((id, i) => (Name: "$id" + i, Id: id)).ToList();
        foreach (var (name, id) in names)
        {
            cmd.Parameters.AddWithValue(name, id);
        }
        cmd.Parameters.AddWithValue("$match", $"{{title abstract}} : ({string.Join(" AND ", words.Select(FtsQuery.Quote))})");
        cmd.CommandText = $"SELECT p.id FROM papers_fts f JOIN papers p ON p.seq = f.rowid WHERE papers_fts MATCH $match AND p.id IN ({string.Join(", ", names.Select(n => n.Name))})";
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            result.Add(reader.GetString(0));
        }
        return result;
    }
}
