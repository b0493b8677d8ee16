using System.ComponentModel.DataAnnotations;

namespace PaperBot.Core.Storage;

/// <summary>The <c>Storage</c> section: whether state is shared between replicas through PostgreSQL.</summary>
public sealed class SharedStorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The environment variable the PostgreSQL password is read from unless another is named.</summary>
    public const string DefaultPasswordVariable = "PAPERBOT_POSTGRES_PASSWORD";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// Npgsql connection string without the password (<c>Host=db;Database=paperbot;Username=paperbot</c>): a
    /// configuration file is copied, logged and committed far more often than an environment variable.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The environment variable holding the password; unset means no password (peer or trust authentication).</summary>
    [Required(AllowEmptyStrings = false)]
    public string PasswordVariable { get; set; } = DefaultPasswordVariable;

    /// <summary>
    /// How often a replica looks for listings other replicas published, on top of PostgreSQL's notifications: a
    /// notification is lost while the listening connection is down, and the poll makes up for it.
    /// </summary>
    [Range(1, 300)]
    public int SyncPollSeconds { get; set; } = 5;

    /// <summary>
    /// How long a replica's hold on accepted work (an interaction or turn it acknowledged) lasts without renewal. A
    /// live replica renews its holds every third of this; when it dies, another replica takes its unfinished work
    /// over once the hold runs out, so this is also the longest a crashed replica's user waits for the takeover.
    /// </summary>
    [Range(2, 3600)]
    public int WorkLeaseSeconds { get; set; } = 60;

    /// <summary>
    /// How long a replica's claim on embedding a paper lasts. Another replica copies the vectors once they are stored;
    /// when the claimant dies first, another replica embeds the paper once the claim runs out. A claim covers one round
    /// of papers (128), which takes seconds with the local model, so minutes leave room for a slow embedding service.
    /// </summary>
    [Range(10, 86400)]
    public int EmbeddingLeaseSeconds { get; set; } = 300;

    /// <summary>
    /// How old shared vectors must be before the server's embedding job removes them as stale: the vectors of a paper's
    /// older text, of a removed paper, and of a model no replica has stored anything with for this long. The wait keeps
    /// what a replica a few listings ahead (or still on the previous model, in a rolling upgrade) has just stored.
    /// </summary>
    [Range(1, 8760)]
    public int StaleVectorHours { get; set; } = 24;

    /// <summary>
    /// How long a replica's claim on an inbox file or a fetch lasts. Ingest is not renewed while it runs, so this must
    /// be longer than the slowest single ingest; it is also how long a file waits when the replica holding it died.
    /// </summary>
    [Range(10, 86400)]
    public int IngestLeaseSeconds { get; set; } = 600;
}
