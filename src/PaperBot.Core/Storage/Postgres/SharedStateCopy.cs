namespace PaperBot.Core.Storage.Postgres;

/// <summary>
/// One table moved by <c>migrate-storage</c>: rows in the SQLite file, rows copied now, rows already in PostgreSQL
/// (an earlier run), and rows that could not be placed (a conflicting unique key, such as a configured subscription of
/// the same name made by a replica before the migration). Verified when every SQLite row is in PostgreSQL.
/// </summary>
public sealed record SharedStateCopy(string Table, long InSqlite, int Copied, int AlreadyThere, IReadOnlyList<string> NotCopied)
{
    public bool Verified => NotCopied.Count == 0 && Copied + AlreadyThere == InSqlite;
}
