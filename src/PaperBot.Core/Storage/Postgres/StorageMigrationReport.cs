namespace PaperBot.Core.Storage.Postgres;

/// <summary>What <c>paperbot migrate-storage --to postgres</c> copied, what it could not, and what the check found.</summary>
public sealed record StorageMigrationReport(
    int ListingsPublished,
    int ListingsAlreadyShared,
    IReadOnlyList<string> ListingsNotOnDisk,
    int TurnsCopied,
    int TurnsAlreadyShared,
    int PapersInSqlite,
    int PapersRebuiltFromPostgres,
    long TurnsInSqlite,
    long TurnsInPostgres)
{
    /// <summary>Every paper and every turn arrived: a replica built from PostgreSQL alone holds what the SQLite file held.</summary>
    public bool Verified => ListingsNotOnDisk.Count == 0 && PapersRebuiltFromPostgres == PapersInSqlite && TurnsInPostgres >= TurnsInSqlite;
}
