using Microsoft.Data.Sqlite;

namespace PaperBot.Core.Storage;

/// <summary>
/// Migration 14: <c>accepted_work.hold</c>, a token new at every accept and every claim, and
/// <c>accepted_work.replying_at</c>, set by the conditional write that confirms the token right before a reply, so a
/// process whose work was claimed by another (one started while the previous was still stopping) sends nothing, and
/// a pending row with a reply begun is known, at the next start, as one whose reply may have reached the user.
/// Written as code: SQLite has no <c>ADD COLUMN IF NOT EXISTS</c>, and tests that rebuild an older schema replay the
/// later migrations, so each column is added only when missing.
/// </summary>
public static class AcceptedWorkHoldColumns
{
    public static void Run(SqliteConnection connection, SqliteTransaction tx)
    {
        foreach (var (column, type) in new[] { ("hold", "TEXT"), ("replying_at", "INTEGER") })
        {
            using var exists = connection.CreateCommand();
            exists.Transaction = tx;
            exists.CommandText = "SELECT 1 FROM pragma_table_info('accepted_work') WHERE name = $column";
            exists.Parameters.AddWithValue("$column", column);
            if (exists.ExecuteScalar() is not null)
            {
                continue;
            }
            using var add = connection.CreateCommand();
            add.Transaction = tx;
            add.CommandText = $"ALTER TABLE accepted_work ADD COLUMN {column} {type}";
            add.ExecuteNonQuery();
        }
    }
}
