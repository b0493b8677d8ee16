namespace PaperBot.Core.Digest;

/// <summary>One line of a run's report: which subscription, which due time, what happened and why.</summary>
public sealed record DigestDelivery(
    string SubscriptionId,
    string Target,
    DateTimeOffset PeriodAt,
    DigestDeliveryOutcome Outcome,
    int Papers,
    int PartsSent,
    string? Detail);
