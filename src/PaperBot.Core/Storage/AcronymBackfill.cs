using Microsoft.Data.Sqlite;
using PaperBot.Core.Retrieval;

namespace PaperBot.Core.Storage;

/// <summary>
/// Migration 11: papers stored before the acronym dictionary existed (schema 4 added the tables, but only papers
/// written since were mined) get their acronyms mined once, and the use counts (migration 7) are counted again.
/// Until this step, every ingest run checked for an empty dictionary and did this itself.
/// </summary>
public static class AcronymBackfill
{
    public static void Run(SqliteConnection connection, SqliteTransaction tx)
    {
        using (var check = connection.CreateCommand())
        {
            check.Transaction = tx;
            check.CommandText = "SELECT EXISTS (SELECT 1 FROM paper_acronyms) OR NOT EXISTS (SELECT 1 FROM papers)";
            if (Convert.ToInt64(check.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0)
            {
                return;
            }
        }
        using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT OR IGNORE INTO paper_acronyms(paper_id, short, long_form, long_key) VALUES ($id, $short, $long, $key)";
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var shortForm = insert.Parameters.Add("$short", SqliteType.Text);
        var longForm = insert.Parameters.Add("$long", SqliteType.Text);
        var longKey = insert.Parameters.Add("$key", SqliteType.Text);
        using (var all = connection.CreateCommand())
        {
            // Streamed: reading papers while writing paper_acronyms on one connection is safe, and keeps memory flat.
            all.Transaction = tx;
            all.CommandText = "SELECT id, title || '. ' || abstract FROM papers";
            using var reader = all.ExecuteReader();
            while (reader.Read())
            {
                id.Value = reader.GetString(0);
                foreach (var acronym in AcronymMiner.Mine(reader.GetString(1)))
                {
                    shortForm.Value = acronym.ShortKey;
                    longForm.Value = acronym.LongForm;
                    longKey.Value = acronym.LongKey;
                    insert.ExecuteNonQuery();
                }
            }
        }
        using var recount = connection.CreateCommand();
        recount.Transaction = tx;
        recount.CommandText = """
            DELETE FROM acronym_uses;
            INSERT INTO acronym_uses (short, long_key, uses) SELECT short, long_key, COUNT(*) FROM paper_acronyms GROUP BY short, long_key;
            """;
        recount.ExecuteNonQuery();
    }
}
