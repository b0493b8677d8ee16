using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace PaperBot.Core.Retrieval;

/// <summary>
/// The binary format a trained <see cref="CorpusVectors"/> model is saved in (table corpus_vector_models, migration 6),
/// one row per state of the corpus: a format tag, the corpus version, the column count and rank, each column's stem
/// and idf, the basis (columns × rank floats), then the papers' seqs and their unit vectors (papers × rank floats).
/// Bump the tag when the layout changes: a model in another format is trained again, never misread.
/// </summary>
internal static class CorpusVectorModelFile
{
    private const string FormatTag = "paperbot-lsa-1";

    /// <summary>The model saved for this very state of the corpus, or null when none is (or it cannot be read: then it is trained again).</summary>
    public static CorpusVectorModel? Load(SqliteConnection connection, long version)
    {
        try
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT model FROM corpus_vector_models WHERE version = $v";
            cmd.Parameters.AddWithValue("$v", version);
            if (cmd.ExecuteScalar() is not byte[] blob)
            {
                return null;
            }
            using var reader = new BinaryReader(new MemoryStream(blob));
            if (reader.ReadString() != FormatTag || reader.ReadInt64() != version)
            {
                return null;
            }
            var columnCount = reader.ReadInt32();
            var rank = reader.ReadInt32();
            var columns = new Dictionary<string, int>(columnCount, StringComparer.Ordinal);
            var idf = new double[columnCount];
            for (var c = 0; c < columnCount; c++)
            {
                columns.Add(reader.ReadString(), c);
                idf[c] = reader.ReadDouble();
            }
            var basis = new float[columnCount, rank];
            for (var c = 0; c < columnCount; c++)
            {
                for (var j = 0; j < rank; j++)
                {
                    basis[c, j] = reader.ReadSingle();
                }
            }
            var papers = reader.ReadInt32();
            var seqs = new long[papers];
            for (var d = 0; d < papers; d++)
            {
                seqs[d] = reader.ReadInt64();
            }
            var vectors = new float[papers * rank];
            for (var i = 0; i < vectors.Length; i++)
            {
                vectors[i] = reader.ReadSingle();
            }
            return reader.BaseStream.Position == blob.Length ? new CorpusVectorModel(version, columns, idf, basis, rank, seqs, vectors) : null;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ArgumentException or OverflowException or OutOfMemoryException or SqliteException)
        {
            return null;
        }
    }

    /// <summary>Keeps the model for the next process. Only a cache: a database that cannot take it (read-only, busy) costs a retraining later.</summary>
    public static void Save(SqliteConnection connection, CorpusVectorModel model)
    {
        var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatTag);
            writer.Write(model.Version);
            writer.Write(model.Columns.Count);
            writer.Write(model.Rank);
            foreach (var (stem, c) in model.Columns.OrderBy(kv => kv.Value))
            {
                writer.Write(stem);
                writer.Write(model.Idf[c]);
            }
            for (var c = 0; c < model.Columns.Count; c++)
            {
                for (var j = 0; j < model.Rank; j++)
                {
                    writer.Write(model.Basis[c, j]);
                }
            }
            writer.Write(model.Seqs.Length);
            foreach (var seq in model.Seqs)
            {
                writer.Write(seq);
            }
            foreach (var value in model.Vectors)
            {
                writer.Write(value);
            }
        }
        // One attempt at the write lock, never a wait: an ingest can hold it for minutes, and this runs inside somebody's
        // search. With busy_timeout 0 SQLite answers "busy" at once, and sqlite3_exec runs BEGIN IMMEDIATE exactly once,
        // where a SqliteCommand (or BeginTransaction) retries a busy statement for its timeout, a second at the least.
        // The caller's busy timeout is put back afterwards. If the database is busy or read-only, the next process trains.
        var handle = connection.Handle!;
        var busyTimeout = ReadBusyTimeout(connection);
        raw.sqlite3_busy_timeout(handle, 0);
        try
        {
            if (raw.sqlite3_exec(handle, "BEGIN IMMEDIATE") != raw.SQLITE_OK)
            {
                return;
            }
            var committed = false;
            try
            {
                using var cmd = connection.CreateCommand();
                cmd.CommandText = """
                    DELETE FROM corpus_vector_models WHERE version <> $v;
                    INSERT OR REPLACE INTO corpus_vector_models (version, saved_at, model) VALUES ($v, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), $m);
                    """;
                cmd.Parameters.AddWithValue("$v", model.Version);
                cmd.Parameters.AddWithValue("$m", buffer.ToArray());
                cmd.ExecuteNonQuery();
                committed = raw.sqlite3_exec(handle, "COMMIT") == raw.SQLITE_OK;
            }
            catch (SqliteException)
            {
                // Read-only (or out of space): this process keeps its model in memory.
            }
            finally
            {
                if (!committed)
                {
                    raw.sqlite3_exec(handle, "ROLLBACK");
                }
            }
        }
        finally
        {
            raw.sqlite3_busy_timeout(handle, busyTimeout);
        }
    }

    private static int ReadBusyTimeout(SqliteConnection connection)
    {
        using var read = connection.CreateCommand();
        read.CommandText = "PRAGMA busy_timeout;";
        return Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
