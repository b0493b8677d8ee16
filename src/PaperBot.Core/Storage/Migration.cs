using Microsoft.Data.Sqlite;

namespace PaperBot.Core.Storage;

/// <summary>
/// One numbered schema step: its SQL, and for a data step (work SQL alone cannot do, such as mining text) a
/// <see cref="Code"/> step run after the SQL in the same transaction.
/// </summary>
public sealed record Migration(int Version, string Description, string Sql)
{
    public Action<SqliteConnection, SqliteTransaction>? Code { get; init; }
}
