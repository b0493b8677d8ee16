namespace PaperBot.Core.Ingest;

/// <summary>What claiming a piece of ingest work gave: whether it is ours now, and otherwise who had it and how it ended.</summary>
public sealed record IngestClaim(IngestClaimState State, string? By = null, DateTimeOffset? FinishedAt = null, string? Outcome = null)
{
    public static IngestClaim Ours { get; } = new(IngestClaimState.Claimed);
}
