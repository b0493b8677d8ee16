using Microsoft.Data.Sqlite;
using PaperBot.Core.Embeddings;

namespace PaperBot.Core.Storage;

/// <summary>
/// Migration 13: vectors are keyed by the hash of the text they embed (<see cref="EmbeddedText"/>), no longer by the
/// paper's whole-record content hash. Every paper gets its text hash, and every vector row that was current (keyed by
/// the paper's content hash as it is now) is re-keyed to it, so an existing index embeds nothing again. A row of an
/// older text stays keyed by the old hash and is embedded again, as before. Written as code, not SQL: SQLite has no
/// SHA-256, and tests that rebuild an older schema replay the later migrations, so the column is added only when missing.
/// </summary>
public static class EmbeddedTextHashBackfill
{
    public static void Run(SqliteConnection connection, SqliteTransaction tx)
    {
        if (!HasColumn(connection, tx, "papers", "text_hash"))
        {
            Execute(connection, tx, "ALTER TABLE papers ADD COLUMN text_hash TEXT NOT NULL DEFAULT ''");
        }
        using (var update = connection.CreateCommand())
        {
            update.Transaction = tx;
            update.CommandText = "UPDATE papers SET text_hash = $hash WHERE seq = $seq";
            var hash = update.Parameters.Add("$hash", SqliteType.Text);
            var seq = update.Parameters.Add("$seq", SqliteType.Integer);
            var rows = new List<(long Seq, string Hash)>();
            using (var all = connection.CreateCommand())
            {
                all.Transaction = tx;
                // A paper created but not yet written (empty content hash) has no text yet: it keeps ''.
                all.CommandText = "SELECT seq, title, abstract FROM papers WHERE content_hash <> ''";
                using var reader = all.ExecuteReader();
                while (reader.Read())
                {
                    rows.Add((reader.GetInt64(0), EmbeddedText.Hash(reader.GetString(1), reader.GetString(2))));
                }
            }
            foreach (var row in rows)
            {
                seq.Value = row.Seq;
                hash.Value = row.Hash;
                update.ExecuteNonQuery();
            }
        }
        Execute(connection, tx, """
            UPDATE paper_embeddings SET content_hash = (SELECT p.text_hash FROM papers p WHERE p.id = paper_embeddings.paper_id)
            WHERE EXISTS (SELECT 1 FROM papers p WHERE p.id = paper_embeddings.paper_id AND p.content_hash = paper_embeddings.content_hash AND p.text_hash <> '')
            """);
        // The count of papers without current vectors reads this one now (see migration 12 for why it is an index).
        Execute(connection, tx, "DROP INDEX IF EXISTS papers_id_hash");
        Execute(connection, tx, "CREATE INDEX IF NOT EXISTS papers_id_text_hash ON papers(id, text_hash)");
    }

    private static bool HasColumn(SqliteConnection connection, SqliteTransaction tx, string table, string column)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"SELECT 1 FROM pragma_table_info('{table}') WHERE name = $column";
        cmd.Parameters.AddWithValue("$column", column);
        return cmd.ExecuteScalar() is not null;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction tx, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
