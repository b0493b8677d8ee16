namespace PaperBot.Core.Storage.Postgres;

/// <summary>
/// The name a replica's claims carry: its machine and its own index file. Two replicas never share an index file, so
/// they never share a name; a replica restarted after a crash has the same one, and takes back the work it claimed at
/// once instead of waiting for its own lease to run out.
/// </summary>
internal static class ReplicaClaimant
{
    public static string Of(SqliteConnectionFactory index) => $"{Environment.MachineName}:{index.DatabasePath}";
}
