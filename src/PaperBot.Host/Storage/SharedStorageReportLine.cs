using Microsoft.Extensions.Options;
using PaperBot.Core.Digest;
using PaperBot.Core.Storage;
using PaperBot.Core.Storage.Postgres;
using PaperBot.Host.Server;

namespace PaperBot.Host.Storage;

/// <summary>
/// The start-up report's storage line: where shared state lives and, with PostgreSQL, what is still kept per replica,
/// so an operator running several replicas is told before a digest is posted twice.
/// </summary>
public sealed class SharedStorageReportLine(IOptions<SharedStorageOptions> shared, IOptions<DigestOptions> digest, PostgresDatabase postgres) : IStartupReportLine
{
    public (LogLevel Level, string Line) Describe()
    {
        if (shared.Value.Provider != StorageProvider.Postgres)
        {
            return (LogLevel.Information, "Storage: SQLite (one replica; Storage:Provider=Postgres shares state between several)");
        }
        var line = $"Storage: shared PostgreSQL {postgres.Describe()} for listings and conversation history; the Discord gateway runs on the leader replica";
        if (digest.Value.Enabled && digest.Value.Subscriptions.Count > 0)
        {
            // Each replica keeps its own digest outbox for now: configured subscriptions would be posted by every replica.
            return (LogLevel.Warning, line + $". Digest subscriptions and the outbox are still per replica: configure the {digest.Value.Subscriptions.Count} " +
                "Digest:Subscriptions on one replica only (Digest:Enabled=false on the others), or each replica posts them");
        }
        return (LogLevel.Information, line + "; digest subscriptions and the outbox are still per replica");
    }
}
