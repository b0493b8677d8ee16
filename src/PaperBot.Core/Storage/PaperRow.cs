using Microsoft.Data.Sqlite;
using PaperBot.Core.Papers;

namespace PaperBot.Core.Storage;

/// <summary>
/// The one way a paper is read from the papers table (aliased <c>p</c>): select <see cref="Columns"/>, in this order,
/// and give each row to <see cref="Read"/>. The seq comes first so callers that key papers by seq can read it at 0.
/// </summary>
internal static class PaperRow
{
    public const string Columns = """
        p.seq, p.id, p.title, p.title_derived, p.abstract, p.authors_json, p.authors_complete, p.orgs_json, p.date,
        p.upvotes, p.n_authors, p.category, p.score, p.has_code, p.links_json, p.first_seen
        """;

    public static Paper Read(SqliteDataReader r) => new()
    {
        Id = r.GetString(1),
        Title = r.GetString(2),
        TitleDerived = r.GetInt64(3) != 0,
        Abstract = r.GetString(4),
        Authors = PaperJson.Deserialize<List<string>>(r.GetString(5)),
        AuthorsComplete = r.IsDBNull(6) ? null : r.GetInt64(6) != 0,
        Orgs = PaperJson.Deserialize<List<string>>(r.GetString(7)),
        Date = PaperDate.FromIso(r.IsDBNull(8) ? null : r.GetString(8)),
        Upvotes = r.IsDBNull(9) ? null : r.GetInt32(9),
        AuthorCount = r.IsDBNull(10) ? null : r.GetInt32(10),
        Category = r.IsDBNull(11) ? null : r.GetString(11),
        Score = r.IsDBNull(12) ? null : r.GetDouble(12),
        HasCode = r.IsDBNull(13) ? null : r.GetInt64(13) != 0,
        Links = PaperJson.Deserialize<List<string>>(r.GetString(14)),
        FirstSeen = DateTimeOffset.Parse(r.GetString(15), System.Globalization.CultureInfo.InvariantCulture),
    };
}
