using Microsoft.Extensions.Options;
using PaperBot.Core.Storage;
using PaperBot.Core.Storage.Postgres;
using PaperBot.Host.Server;

namespace PaperBot.Host.Storage;

/// <summary>
/// The start-up report's storage line: where shared state lives, so an operator running several replicas sees at
/// once whether they share one PostgreSQL database or each keep their own SQLite file.
/// </summary>
public sealed class SharedStorageReportLine(IOptions<SharedStorageOptions> shared, PostgresDatabase postgres) : IStartupReportLine
{
    public (LogLevel Level, string Line) Describe()
    {
        if (shared.Value.Provider != StorageProvider.Postgres)
        {
            return (LogLevel.Information, "Storage: SQLite (one replica; Storage:Provider=Postgres shares state between several)");
        }
        return (LogLevel.Information, $"Storage: shared PostgreSQL {postgres.Describe()} for listings, conversation history, digest subscriptions " +
            "and the digest outbox (each digest claimed by one replica), Teams conversation references and accepted work (taken over " +
            "when a replica dies), paper vectors (each paper embedded by one replica, copied by the others), the ingest history, and " +
            "inbox files and fetches (each claimed by one replica); the Discord gateway runs on the leader replica");
    }
}
