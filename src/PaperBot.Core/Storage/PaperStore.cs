using Microsoft.Data.Sqlite;
using PaperBot.Core.Ingest;
using PaperBot.Core.Papers;

namespace PaperBot.Core.Storage;

/// <summary>Reads papers and their metadata from the database.</summary>
public sealed class PaperStore(SqliteConnectionFactory database)
{
    internal SqliteConnectionFactory Database => database;

    public int CountPapers()
    {
        using var connection = database.Open();
        return database.PaperCount.Of(connection);
    }

    public Paper? Get(string id)
    {
        var trimmed = id.Trim().TrimStart('#').ToLowerInvariant();
        if (trimmed.Length == 0)
        {
            return null;
        }
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT {PaperRow.Columns} FROM papers p WHERE p.id = $id";
        cmd.Parameters.AddWithValue("$id", trimmed);
        using var reader = cmd.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }
        var paper = PaperRow.Read(reader);
        return paper with { Sources = SourcesOf(connection, paper.Id) };
    }

    /// <summary>Papers by id, in the order asked; unknown ids are skipped.</summary>
    public IReadOnlyList<Paper> GetMany(IReadOnlyList<string> ids)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        using var connection = database.Open();
        var found = new Dictionary<string, Paper>(StringComparer.Ordinal);
        // In slices: SQLite refuses more than 32,766 parameters, and an author in a large corpus can have more papers.
        foreach (var slice in ids.Distinct(StringComparer.Ordinal).Chunk(IdsPerQuery))
        {
            using var cmd = connection.CreateCommand();
            var names = slice.Select((_, i) => "$p" + i).ToList();
            cmd.CommandText = $"SELECT {PaperRow.Columns} FROM papers p WHERE p.id IN ({string.Join(",", names)})";
            for (var i = 0; i < slice.Length; i++)
            {
                cmd.Parameters.AddWithValue(names[i], slice[i]);
            }
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                var paper = PaperRow.Read(reader);
                found[paper.Id] = paper;
            }
        }
        return ids.Where(found.ContainsKey).Select(id => found[id]).ToList();
    }

    // Ids bound per IN (…) query: far below SQLite's 32,766 parameters, and few enough that each statement stays small.
    private const int IdsPerQuery = 500;

    /// <summary>Ids of papers with an author whose name matches exactly (case and punctuation aside).</summary>
    public IReadOnlyList<string> PaperIdsByAuthor(string name) =>
        IdsWhere("SELECT DISTINCT a.paper_id FROM paper_authors a JOIN papers p ON p.id = a.paper_id WHERE a.name_key = $k ORDER BY p.date_sort DESC, p.seq",
            IngestService.NameKey(name));

    public IReadOnlyList<string> PaperIdsByOrg(string name) =>
        IdsWhere("SELECT DISTINCT o.paper_id FROM paper_orgs o JOIN papers p ON p.id = o.paper_id WHERE o.name_key = $k ORDER BY p.date_sort DESC, p.seq",
            IngestService.NameKey(name));

    /// <summary>Which of the candidate names (compared by <see cref="IngestService.NameKey"/>) are stored author names.</summary>
    public IReadOnlySet<string> KnownAuthorKeys(IEnumerable<string> candidates) => KnownKeys("paper_authors", candidates);

    /// <summary>Which of the candidate names are stored organisation names.</summary>
    public IReadOnlySet<string> KnownOrgKeys(IEnumerable<string> candidates) => KnownKeys("paper_orgs", candidates);

    private HashSet<string> KnownKeys(string table, IEnumerable<string> candidates)
    {
        var keys = candidates.Select(IngestService.NameKey).Where(k => k.Length > 1).Distinct(StringComparer.Ordinal).ToList();
        var known = new HashSet<string>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return known;
        }
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        var names = keys.Select((_, i) => "$k" + i).ToList();
        cmd.CommandText = $"SELECT DISTINCT name_key FROM {table} WHERE name_key IN ({string.Join(",", names)})";
        for (var i = 0; i < keys.Count; i++)
        {
            cmd.Parameters.AddWithValue(names[i], keys[i]);
        }
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            known.Add(reader.GetString(0));
        }
        return known;
    }

    /// <summary>Id, title, whether the title was derived, and the abstract of every paper, for matching titles people wrote down.</summary>
    public IEnumerable<(string Id, string Title, bool TitleDerived, string Abstract)> TitleIndex()
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT id, title, title_derived, substr(abstract, 1, 200) FROM papers ORDER BY seq";
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            yield return (reader.GetString(0), reader.GetString(1), reader.GetInt64(2) != 0, reader.GetString(3));
        }
    }

    /// <summary>The indexed text of every paper (authors and organisations comma-joined), for building other indexes.</summary>
    public IEnumerable<(string Id, string Title, string Abstract, string Authors, string Orgs)> SearchableText()
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT p.id, f.title, f.abstract, f.authors, f.orgs FROM papers p JOIN papers_fts f ON f.rowid = p.seq ORDER BY p.seq";
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            yield return (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));
        }
    }

    public StoreStats Stats()
    {
        using var connection = database.Open();
        return new StoreStats
        {
            Papers = Scalar(connection, "SELECT COUNT(*) FROM papers"),
            Sources = Scalar(connection, "SELECT COUNT(*) FROM sources"),
            IngestRuns = Scalar(connection, "SELECT COUNT(*) FROM ingest_runs"),
            Files = Scalar(connection, "SELECT COUNT(*) FROM ingested_files"),
            WithTitle = Scalar(connection, "SELECT COUNT(*) FROM papers WHERE title_derived = 0"),
            DerivedTitles = Scalar(connection, "SELECT COUNT(*) FROM papers WHERE title_derived = 1"),
            WithAuthors = Scalar(connection, "SELECT COUNT(*) FROM papers WHERE authors_json <> '[]'"),
            WithCompleteAuthors = Scalar(connection, "SELECT COUNT(*) FROM papers WHERE authors_complete = 1"),
            WithOrgs = Scalar(connection, "SELECT COUNT(*) FROM papers WHERE orgs_json <> '[]'"),
            WithDate = Scalar(connection, "SELECT COUNT(*) FROM papers WHERE date IS NOT NULL"),
            WithYear = Scalar(connection, "SELECT COUNT(*) FROM papers WHERE year_known = 1"),
            WithUpvotes = Scalar(connection, "SELECT COUNT(*) FROM papers WHERE upvotes IS NOT NULL"),
            WithAuthorCount = Scalar(connection, "SELECT COUNT(*) FROM papers WHERE n_authors IS NOT NULL"),
            WithCategory = Scalar(connection, "SELECT COUNT(*) FROM papers WHERE category IS NOT NULL"),
            WithCode = Scalar(connection, "SELECT COUNT(*) FROM papers WHERE has_code = 1"),
            WithLinks = Scalar(connection, "SELECT COUNT(*) FROM papers WHERE links_json <> '[]'"),
            InSeveralListings = Scalar(connection, "SELECT COUNT(*) FROM (SELECT paper_id FROM sources GROUP BY paper_id HAVING COUNT(DISTINCT file) > 1)"),
            SchemaVersion = SchemaMigrator.CurrentVersion(connection),
        };
    }

    private static List<PaperSource> SourcesOf(SqliteConnection connection, string id)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT file, line FROM sources WHERE paper_id = $id ORDER BY file, line";
        cmd.Parameters.AddWithValue("$id", id);
        using var reader = cmd.ExecuteReader();
        var sources = new List<PaperSource>();
        while (reader.Read())
        {
            sources.Add(new PaperSource(reader.GetString(0), reader.GetInt32(1)));
        }
        return sources;
    }

    private List<string> IdsWhere(string sql, string key) => Strings(sql, ("$k", key));

    private List<string> Strings(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }
        using var reader = cmd.ExecuteReader();
        var result = new List<string>();
        while (reader.Read())
        {
            result.Add(reader.GetString(0));
        }
        return result;
    }

    private static int Scalar(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
