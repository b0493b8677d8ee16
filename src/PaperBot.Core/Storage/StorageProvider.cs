namespace PaperBot.Core.Storage;

/// <summary>Where shared state lives (<c>Storage:Provider</c>).</summary>
public enum StorageProvider
{
    /// <summary>One process, one SQLite file: the default, and all a single bot needs.</summary>
    Sqlite,

    /// <summary>
    /// Several replicas share one PostgreSQL database for everything that must be the same on all of them; each keeps
    /// its SQLite file as its local search index, kept in step with the listings published to PostgreSQL.
    /// </summary>
    Postgres,
}
