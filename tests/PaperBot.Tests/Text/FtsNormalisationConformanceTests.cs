using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using PaperBot.Core.Text;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Text;

/// <summary>
/// The question side (Tokenizer + PorterStemmer) must split and fold words exactly as the FTS5 index does, or a
/// question word never meets the indexed term ("Tulu" vs "TÜLU"). SQLite itself is the reference: words go into
/// a temporary FTS5 table declared with the index's own tokenizer, and fts5vocab lists the terms it made.
/// </summary>
public sealed class FtsNormalisationConformanceTests
{
    /// <summary>The tokenize option of the real index, read from a migrated database, so the two cannot drift apart.</summary>
    private static string IndexTokenizer()
    {
        using var db = new TempDatabase();
        using var connection = db.Factory.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT sql FROM sqlite_master WHERE name = 'papers_fts'";
        var sql = (string)cmd.ExecuteScalar()!;
        return Regex.Match(sql, @"tokenize\s*=\s*'(?<t>[^']+)'").Groups["t"].Value;
    }

    /// <summary>Each text in its own row of a fresh FTS5 table; the terms fts5vocab lists for each row, in order.</summary>
    private static List<List<string>> IndexTerms(IReadOnlyList<string> texts)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = $"CREATE VIRTUAL TABLE t USING fts5(x, tokenize = '{IndexTokenizer()}'); CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');";
            create.ExecuteNonQuery();
        }
        using (var tx = connection.BeginTransaction())
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO t(rowid, x) VALUES ($id, $x)";
            var id = insert.Parameters.Add("$id", SqliteType.Integer);
            var x = insert.Parameters.Add("$x", SqliteType.Text);
            for (var i = 0; i < texts.Count; i++)
            {
                id.Value = i + 1;
                x.Value = texts[i];
                insert.ExecuteNonQuery();
            }
            tx.Commit();
        }
        var terms = texts.Select(_ => new List<(long Offset, string Term)>()).ToList();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT doc, offset, term FROM v";
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            terms[(int)reader.GetInt64(0) - 1].Add((reader.GetInt64(1), reader.GetString(2)));
        }
        return terms.Select(t => t.OrderBy(p => p.Offset).Select(p => p.Term).ToList()).ToList();
    }

    private static List<string> QueryTerms(string text) => Tokenizer.Words(text).Select(PorterStemmer.Stem).ToList();

    [Fact]
    public void Every_line_of_the_corpus_gives_the_same_terms_on_both_sides()
    {
        var lines = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "corpus"))
            .SelectMany(File.ReadLines)
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .ToList();
        Assert.True(lines.Count > 1000, $"only {lines.Count} corpus lines");
        var index = IndexTerms(lines);

        var differences = lines
            .Select((line, i) => (Line: line, Index: index[i], Query: QueryTerms(line)))
            .Where(x => !x.Index.SequenceEqual(x.Query))
            .Select(x => $"{x.Line[..Math.Min(60, x.Line.Length)]}: index [{string.Join(' ', x.Index.Except(x.Query))}] query [{string.Join(' ', x.Query.Except(x.Index))}]")
            .ToList();

        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences.Take(20)));
    }

    [Theory]
    [InlineData("TÜLU 3")]
    [InlineData("Tulu 3")]
    [InlineData("naïve résumé crème brûlée")]
    [InlineData("Łódź Ærø straße œuvre")]
    [InlineData("e\u0301cole cafe\u0301s")]
    [InlineData("İstanbul ΣΟΦΙΑ µm")]
    [InlineData("x² ½ GPT-4o they'll foo_bar 3D-LLM")]
    [InlineData("ponies caresses sses ies ses running")]
    [InlineData("Ｆｕｌｌwidth ﬁne")]
    [InlineData("supercalifragilisticexpialidocious-antidisestablishmentarianism-pneumonoultramicroscopicsilicovolcanoconiosis-ations")]
    [InlineData("pneumonoultramicroscopicsilicovolcanoconiosispneumonoultramicroscopicsilicovolcanoconiosisations")]
    public void Accents_case_and_odd_characters_fold_as_the_index_folds_them(string text)
    {
        var index = IndexTerms([text])[0];

        Assert.Equal(index, QueryTerms(text));
    }

    [Fact]
    public void Tulu_meets_the_title_spelled_with_an_umlaut() =>
        Assert.Equal(QueryTerms("Tulu 3"), QueryTerms("TÜLU 3"));
}
