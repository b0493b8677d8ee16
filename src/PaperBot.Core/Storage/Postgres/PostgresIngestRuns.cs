using Npgsql;

namespace PaperBot.Core.Storage.Postgres;

/// <summary>
/// The ingest history of every replica (<c>ingest_runs</c> in PostgreSQL, migration 6), read by <c>paperbot stats</c>
/// on any replica. Each replica's SQLite file keeps its own runs too (catching up included), because its corpus version
/// is counted from them.
/// </summary>
public sealed class PostgresIngestRuns(PostgresDatabase database)
{
    public int Count()
    {
        using var connection = database.Open();
        using var cmd = new NpgsqlCommand("SELECT count(*) FROM ingest_runs", connection);
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The newest runs first.</summary>
    public IReadOnlyList<SharedIngestRun> Newest(int limit)
    {
        using var connection = database.Open();
        using var cmd = new NpgsqlCommand("""
            SELECT id, replica, source, started_at, finished_at, files, records, new_papers, updated, removed, errors
            FROM ingest_runs ORDER BY finished_at DESC, id DESC LIMIT @limit
            """, connection);
        cmd.Parameters.AddWithValue("limit", limit);
        using var reader = cmd.ExecuteReader();
        var runs = new List<SharedIngestRun>();
        while (reader.Read())
        {
            runs.Add(new SharedIngestRun(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8),
                reader.GetInt32(9), reader.GetInt32(10)));
        }
        return runs;
    }
}
