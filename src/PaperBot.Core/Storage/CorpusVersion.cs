using Microsoft.Data.Sqlite;

namespace PaperBot.Core.Storage;

/// <summary>
/// The state of the corpus as ingest leaves it: the newest ingest run and the highest paper seq. Papers are only
/// added or removed by ingest runs, and each run records itself, so anything derived from the papers (their count,
/// the corpus vectors) is still good while this is unchanged.
/// </summary>
public readonly record struct CorpusVersion(long Run, long MaxSeq)
{
    public static CorpusVersion Read(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT (SELECT IFNULL(MAX(id), 0) FROM ingest_runs), (SELECT IFNULL(MAX(seq), 0) FROM papers)";
        using var reader = cmd.ExecuteReader();
        reader.Read();
        return new CorpusVersion(reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>
    /// Both numbers in one, for keys that are a single integer (saved corpus-vector models). The multiplier, a prime
    /// just above a million, keeps the pairs of corpora under a million papers apart; beyond that two states collide
    /// only if run and seq differ in exact step.
    /// </summary>
    public long Packed => Run * 1_000_003 + MaxSeq;
}
