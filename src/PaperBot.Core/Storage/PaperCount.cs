using Microsoft.Data.Sqlite;

namespace PaperBot.Core.Storage;

/// <summary>
/// The number of papers, counted again only after an ingest run. COUNT(*) walks a whole index (about 8 ms at a
/// million papers) and every search and answer asks for it; papers are only added or removed by ingest runs, and
/// each run records itself, so the newest run and the highest seq say when the count can have changed.
/// </summary>
public sealed class PaperCount
{
    private sealed record Counted(long Run, long MaxSeq, int Papers);

    private Counted? _counted;

    public int Of(SqliteConnection connection)
    {
        // The version is read before the count, so a run committing in between leaves a count at least as new as
        // its version, and the next call counts again.
        long run, maxSeq;
        using (var version = connection.CreateCommand())
        {
            version.CommandText = "SELECT (SELECT IFNULL(MAX(id), 0) FROM ingest_runs), (SELECT IFNULL(MAX(seq), 0) FROM papers)";
            using var reader = version.ExecuteReader();
            reader.Read();
            (run, maxSeq) = (reader.GetInt64(0), reader.GetInt64(1));
        }
        if (_counted is { } counted && counted.Run == run && counted.MaxSeq == maxSeq)
        {
            return counted.Papers;
        }
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM papers";
        var papers = Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        _counted = new Counted(run, maxSeq, papers);
        return papers;
    }
}
