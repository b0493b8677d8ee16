using PaperBot.Core.Ingest;
using PaperBot.Core.Storage;

namespace PaperBot.Core.Retrieval;

/// <summary>Answers <see cref="MetadataQuery"/> conditions with one SQL query over the papers and their authors and organisations.</summary>
public sealed class MetadataSearcher(SqliteConnectionFactory database)
{
    /// <summary>Seq and id of every matching paper, in the query's order. A limit of one keeps every paper tied for first.</summary>
    public IReadOnlyList<(long Seq, string Id)> Find(MetadataQuery query)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        var where = new List<string> { "1 = 1" };
        if (query.Author is not null)
        {
            where.Add("EXISTS (SELECT 1 FROM paper_authors a WHERE a.paper_id = p.id AND a.name_key = $author)");
            cmd.Parameters.AddWithValue("$author", IngestService.NameKey(query.Author));
            for (var i = 0; i < query.CoAuthors.Count; i++)
            {
                where.Add($"EXISTS (SELECT 1 FROM paper_authors a WHERE a.paper_id = p.id AND a.name_key = $coauthor{i})");
                cmd.Parameters.AddWithValue("$coauthor" + i, IngestService.NameKey(query.CoAuthors[i]));
            }
        }
        if (query.Org is not null)
        {
            where.Add("EXISTS (SELECT 1 FROM paper_orgs o WHERE o.paper_id = p.id AND o.name_key = $org)");
            cmd.Parameters.AddWithValue("$org", IngestService.NameKey(query.Org));
        }
        if (query.FromDate is not null || query.ToDate is not null || query.Order is MetadataOrder.Newest or MetadataOrder.Oldest)
        {
            where.Add("p.year_known = 1");
        }
        if (query.FromDate is { } from)
        {
            where.Add("p.date_sort >= $from");
            cmd.Parameters.AddWithValue("$from", from);
        }
        if (query.ToDate is { } to)
        {
            where.Add("p.date_sort <= $to");
            cmd.Parameters.AddWithValue("$to", to);
        }
        if (query.WithCode || query.CodeFlagged)
        {
            where.Add("p.has_code = 1");
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
        var (orderBy, key) = query.Order switch
        {
            MetadataOrder.MostUpvoted => ("p.upvotes DESC, p.seq", "p.upvotes"),
            MetadataOrder.Oldest => ("p.date_sort ASC, p.seq", "p.date_sort"),
            _ => ("p.date_sort DESC, p.seq", "p.date_sort"),
        };
        if (query.Order == MetadataOrder.MostUpvoted)
        {
            where.Add("p.upvotes IS NOT NULL");
        }
        cmd.CommandText = $"SELECT p.seq, p.id, {key} FROM papers p WHERE {string.Join(" AND ", where)} ORDER BY {orderBy}";
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
}
