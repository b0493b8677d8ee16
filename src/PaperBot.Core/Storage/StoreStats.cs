using System.Text.Json.Serialization;

namespace PaperBot.Core.Storage;

/// <summary>Counts for <c>paperbot stats</c>: what is stored and how much of it carries each kind of metadata.</summary>
public sealed record StoreStats
{
    public int Papers { get; init; }
    public int Sources { get; init; }
    public int IngestRuns { get; init; }
    public int Files { get; init; }
    public int WithTitle { get; init; }
    public int DerivedTitles { get; init; }
    public int WithAuthors { get; init; }
    public int WithCompleteAuthors { get; init; }
    public int WithOrgs { get; init; }
    public int WithDate { get; init; }
    public int WithYear { get; init; }
    public int WithUpvotes { get; init; }
    public int WithAuthorCount { get; init; }
    public int WithCategory { get; init; }
    public int WithCode { get; init; }
    public int WithLinks { get; init; }
    public int InSeveralListings { get; init; }
    public int SchemaVersion { get; init; }

    /// <summary>With <c>Storage:Provider=Postgres</c>: the ingest runs of every replica (null, and left out, otherwise).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? SharedIngestRuns { get; init; }

    /// <summary>With <c>Storage:Provider=Postgres</c>: the newest of those runs, who ran it and what it did.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NewestSharedIngest { get; init; }
}
