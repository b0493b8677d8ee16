namespace PaperBot.Core.Digest;

/// <summary>One row of the outbox: the digest of one subscription for one due time.</summary>
public sealed record DigestOutboxEntry
{
    public required long Id { get; init; }
    public required string SubscriptionId { get; init; }
    public required DateTimeOffset PeriodAt { get; init; }
    public required DigestOutboxState State { get; init; }
    public required DigestContent Content { get; init; }
    public int Attempts { get; init; }
    public int PartsSent { get; init; }
    public int? PartCount { get; init; }
    public DateTimeOffset NextAttemptAt { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
}
