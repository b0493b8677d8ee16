namespace PaperBot.Core.Digest;

/// <summary>
/// One destination's digest settings and progress. <see cref="AnchorAt"/> is the latest due time already turned
/// into a digest; <see cref="CoveredUntil"/> is how far papers' arrival times have been delivered (it only moves
/// when a digest is confirmed sent or was empty, so papers of a failed digest appear in the next one).
/// </summary>
public sealed record DigestSubscription
{
    public required string Id { get; init; }
    public required DigestTarget Target { get; init; }
    public required DigestSchedule Schedule { get; init; }
    public required DigestFilters Filters { get; init; }
    public bool Active { get; init; } = true;
    /// <summary>cli, config, discord or teams.</summary>
    public required string Origin { get; init; }
    /// <summary>The name of a configuration-defined subscription (Digest:Subscriptions), else null.</summary>
    public string? ConfigName { get; init; }
    public string? CreatedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset AnchorAt { get; init; }
    public required DateTimeOffset CoveredUntil { get; init; }
    public DateTimeOffset? DeactivatedAt { get; init; }
    public string? DeactivatedReason { get; init; }
}
