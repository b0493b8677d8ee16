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
    long TurnsInPostgres,
    IReadOnlyList<SharedStateCopy> Tables)
{
    /// <summary>
    /// Every paper, turn and row arrived: a replica built from PostgreSQL alone holds what the SQLite file held, and every
    /// subscription, digest, conversation reference and piece of accepted work is in PostgreSQL.
    /// </summary>
    public bool Verified => ListingsNotOnDisk.Count == 0 && PapersRebuiltFromPostgres == PapersInSqlite && TurnsInPostgres >= TurnsInSqlite
        && Tables.All(t => t.Verified);
}
