using Microsoft.Data.Sqlite;
using PaperBot.Core.Storage;
using PaperBot.Core.Text;

namespace PaperBot.Core.Retrieval;

/// <summary>Keyword retrieval: FTS5 BM25 with a title match weighted above abstract, author and organisation matches.</summary>
public sealed class PaperSearcher(SqliteConnectionFactory database)
{
    // bm25() column weights: title, abstract, authors, orgs.
    private const string Bm25 = "bm25(papers_fts, 4.0, 1.0, 2.0, 2.0)";

    public const string EmptyQueryMessage = "Give me some words to search for, for example: speculative decoding.";

    public SearchResult Search(string? query, int top = 10)
    {
        top = Math.Clamp(top, 1, 100);
        var fts = FtsQuery.Build(query);
        using var connection = database.Open();
        var papers = PapersIn(connection);
        if (fts is null)
        {
            return new SearchResult(query ?? "", [], [], papers, EmptyQueryMessage);
        }
        var weights = WeightsFor(connection, fts.Terms, papers);
        var hits = new List<SearchHit>();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"""
            SELECT p.seq, p.id, p.title, p.title_derived, p.abstract, p.authors_json, p.authors_complete, p.orgs_json, p.date,
                   p.upvotes, p.n_authors, p.category, p.score, p.has_code, p.links_json, p.first_seen,
                   {Bm25} AS rank, snippet(papers_fts, 1, '', '', '…', 24)
            FROM papers_fts JOIN papers p ON p.seq = papers_fts.rowid
            WHERE papers_fts MATCH $match
            ORDER BY rank
            LIMIT $top
            """;
        cmd.Parameters.AddWithValue("$match", fts.MatchExpression);
        cmd.Parameters.AddWithValue("$top", top);
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            var paper = PaperStore.Read(reader);
            var stems = TermWeights.StemsOf(paper.Title + " " + paper.Abstract + " " + string.Join(' ', paper.Authors) + " " + string.Join(' ', paper.Orgs));
            hits.Add(new SearchHit(paper, Math.Round(-reader.GetDouble(16), 4), Math.Round(weights.Coverage(fts.Terms, stems), 4), reader.GetString(17)));
        }
        return new SearchResult(query!, hits, fts.Terms, papers);
    }

    /// <summary>IDF weights for the given words; words the index has never seen weigh the most.</summary>
    public TermWeights Weights(IReadOnlyList<string> words)
    {
        using var connection = database.Open();
        return WeightsFor(connection, words, PapersIn(connection));
    }

    private static TermWeights WeightsFor(SqliteConnection connection, IReadOnlyList<string> words, int papers)
    {
        var n = Math.Max(papers, 1);
        var idf = new Dictionary<string, double>(StringComparer.Ordinal);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT doc FROM papers_vocab WHERE term = $t";
        var parameter = cmd.Parameters.Add("$t", SqliteType.Text);
        foreach (var stem in words.Select(PorterStemmer.Stem).Distinct(StringComparer.Ordinal))
        {
            parameter.Value = stem;
            if (cmd.ExecuteScalar() is long df && df > 0)
            {
                idf[stem] = Math.Log(1 + (n - df + 0.5) / (df + 0.5));
            }
        }
        return new TermWeights(idf, Math.Log(1 + (n + 0.5) / 0.5));
    }

    private static int PapersIn(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM papers";
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
