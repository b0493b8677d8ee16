using PaperBot.Core.Digest;

namespace PaperBot.Host.Digest;

/// <summary>The shapes of the digest verbs' --json output. Field names are part of the CLI's contract.</summary>
public static class DigestCliOutput
{
    public sealed record SubscriptionOutput(string Id, string TargetKind, string Target, string Cron, string TimeZone,
        IReadOnlyList<string> Keywords, int MinUpvotes, int MaxItems, bool Active, string Origin, string? ConfigName,
        DateTimeOffset CreatedAt, DateTimeOffset? NextDue, DateTimeOffset CoveredUntil, string? DeactivatedReason,
        LastDigestOutput? LastDigest, bool SenderAvailable);

    public sealed record LastDigestOutput(DateTimeOffset PeriodAt, string State, int Papers, int PartsSent, string? Error);

    public sealed record DeliveryOutput(string SubscriptionId, string Target, DateTimeOffset PeriodAt, string Outcome, int Papers, int PartsSent, string? Detail);

    public sealed record PreviewOutput(string SubscriptionId, string Heading, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, int NewPapers,
        IReadOnlyList<DigestItem> Items);

    public static SubscriptionOutput From(DigestSubscription s, DigestDispatcher dispatcher, IDigestOutbox outbox, DigestTargetKinds kinds) => new(
        s.Id, s.Target.Kind, kinds.Display(s.Target), s.Schedule.Cron, s.Schedule.TimeZone, s.Filters.Keywords, s.Filters.MinUpvotes,
        s.Filters.MaxItems, s.Active, s.Origin, s.ConfigName, s.CreatedAt, s.Active ? dispatcher.NextDueFor(s) : null, s.CoveredUntil,
        s.DeactivatedReason,
        outbox.Recent(s.Id, 1) is [var last, ..]
            ? new LastDigestOutput(last.PeriodAt, DigestOutboxStateNames.Name(last.State), last.Content.Items.Count, last.PartsSent, last.LastError)
            : null,
        dispatcher.HasSender(s.Target.Kind));

    public static DeliveryOutput From(DigestDelivery d) => new(d.SubscriptionId, d.Target, d.PeriodAt, Outcome(d.Outcome), d.Papers, d.PartsSent, d.Detail);

    public static string Outcome(DigestDeliveryOutcome outcome) => outcome switch
    {
        DigestDeliveryOutcome.WillRetry => "will_retry",
        DigestDeliveryOutcome.InDoubt => "in_doubt",
        DigestDeliveryOutcome.TargetGone => "target_gone",
        _ => outcome.ToString().ToLowerInvariant(),
    };
}
