using Microsoft.Extensions.Logging;
using PaperBot.Core.Diagnostics;
using Microsoft.Extensions.Options;

namespace PaperBot.Core.Digest;

/// <summary>
/// Turns due schedules into outbox rows and delivers them, once. Used by the scheduler and by
/// <c>paperbot digest send-now</c>, which follow the same rules:
/// <list type="bullet">
/// <item>A subscription is due when its cron has a due time after its anchor; only the latest such time gets a
/// digest, so after downtime one catch-up digest covers everything since the last one.</item>
/// <item>A digest is composed once and stored; a retry or a resumed delivery sends the stored content.</item>
/// <item>"Exactly once" means: no part is ever posted twice by us, and every part is posted unless the target
/// is gone or the digest ends "in doubt". A part whose POST was in flight when the process died (or timed out)
/// may have landed; a webhook offers no way to check or to dedupe, so such a part is not re-sent and the digest
/// ends InDoubt, and its papers are listed again in the next digest (its covered window did not move).
/// Senders whose channel dedupes by key (<see cref="IDigestSender.ResendsSafely"/>) re-send such a part with the
/// same key instead.</item>
/// </list>
/// </summary>
public sealed class DigestDispatcher(
    IDigestSubscriptionStore subscriptions,
    IDigestOutbox outbox,
    DigestComposer composer,
    IEnumerable<IDigestSender> senders,
    DigestTargetKinds kinds,
    TimeProvider time,
    IOptions<DigestOptions> options,
    ILogger<DigestDispatcher> logger)
{
    // The last registration of a kind wins, as with any DI service, so a host can replace a sender.
    private readonly Dictionary<string, IDigestSender> _senders =
        senders.GroupBy(s => s.Kind, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    private static readonly string ClaimOwner = $"{Environment.MachineName}/{Environment.ProcessId}";

    public bool HasSender(string kind) => _senders.ContainsKey(kind);

    /// <summary>Composes every due digest and sends every deliverable one; <paramref name="subscriptionId"/> limits it to one subscription.</summary>
    public async Task<IReadOnlyList<DigestDelivery>> RunDueAsync(string? subscriptionId, CancellationToken cancellationToken)
    {
        var report = new List<DigestDelivery>();
        foreach (var subscription in subscriptions.List(activeOnly: true).Where(s => subscriptionId is null || s.Id == subscriptionId))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await EnqueueDueAsync(subscription, cancellationToken) is { } empty)
            {
                report.Add(empty);
            }
        }
        foreach (var entry in outbox.Deliverable(time.GetUtcNow(), subscriptionId))
        {
            report.Add(await DeliverAsync(entry, cancellationToken));
        }
        return report;
    }

    /// <summary>
    /// Sends one subscription's digest now, whatever its schedule (<c>digest send-now --subscription ID</c>): the papers
    /// that arrived since its last delivered digest, stored in the outbox under the current time as its period and
    /// delivered by the same rules as a scheduled one. Its anchor moves to now, so the next scheduled digest covers
    /// only what arrives after this one. An unfinished digest of the subscription is delivered (or left to its retry
    /// time) first, as the scheduler would; nothing new and <c>Digest:PostWhenEmpty</c> off posts nothing.
    /// </summary>
    public async Task<IReadOnlyList<DigestDelivery>> SendNowAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        var report = new List<DigestDelivery>();
        foreach (var entry in outbox.Deliverable(time.GetUtcNow(), subscriptionId))
        {
            report.Add(await DeliverAsync(entry, cancellationToken));
        }
        if (subscriptions.Get(subscriptionId) is not { Active: true } subscription)
        {
            return report;
        }
        if (outbox.HasUnfinished(subscription.Id))
        {
            report.Add(new DigestDelivery(subscription.Id, kinds.Display(subscription.Target), time.GetUtcNow(), DigestDeliveryOutcome.Skipped, 0, 0,
                "an earlier digest of this subscription is still unfinished (waiting to retry, or being sent by another process); it goes first"));
            return report;
        }
        var now = time.GetUtcNow();
        if (await EnqueueAsync(subscription, now, now, cancellationToken) is { } empty)
        {
            report.Add(empty);
            return report;
        }
        foreach (var entry in outbox.Deliverable(time.GetUtcNow(), subscriptionId))
        {
            report.Add(await DeliverAsync(entry, cancellationToken));
        }
        return report;
    }

    /// <summary>
    /// The next time there is work (for the scheduler's sleep): a subscription's next due time, or an unfinished
    /// digest's retry time or claim expiry. A subscription waiting behind an unfinished digest counts only through it.
    /// </summary>
    public DateTimeOffset? NextDue()
    {
        DateTimeOffset? next = outbox.NextAttemptAt();
        foreach (var s in subscriptions.List(activeOnly: true))
        {
            if (outbox.HasUnfinished(s.Id))
            {
                continue;
            }
            if (NextDueFor(s) is { } c && (next is null || c < next))
            {
                next = c;
            }
        }
        return next;
    }

    /// <summary>When this subscription's next digest falls due, in UTC.</summary>
    public DateTimeOffset? NextDueFor(DigestSubscription subscription)
    {
        var now = time.GetUtcNow();
        // A due time already passed but not yet handled (the server was down) is due now.
        if (subscription.Schedule.LatestDue(subscription.AnchorAt, now) is not null)
        {
            return now;
        }
        return subscription.Schedule.NextAfter(subscription.AnchorAt > now ? subscription.AnchorAt : now);
    }

    /// <summary>What the subscription's next digest would list if composed now; nothing is stored or sent.</summary>
    public Task<DigestContent> PreviewAsync(DigestSubscription subscription, CancellationToken cancellationToken) =>
        composer.ComposeAsync(subscription.Filters, subscription.CoveredUntil, time.GetUtcNow(), cancellationToken);

    private async Task<DigestDelivery?> EnqueueDueAsync(DigestSubscription subscription, CancellationToken cancellationToken)
    {
        if (outbox.HasUnfinished(subscription.Id))
        {
            return null; // deliver (or give up on) the unfinished digest first; its successor then covers the rest
        }
        var now = time.GetUtcNow();
        if (subscription.Schedule.LatestDue(subscription.AnchorAt, now) is not { } period)
        {
            return null;
        }
        return await EnqueueAsync(subscription, period, now, cancellationToken);
    }

    /// <summary>Composes and stores the digest for one period; returns the report line when there is nothing to post.</summary>
    private async Task<DigestDelivery?> EnqueueAsync(DigestSubscription subscription, DateTimeOffset period, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var content = await composer.ComposeAsync(subscription.Filters, subscription.CoveredUntil, period, cancellationToken);
        var postIt = !content.IsEmpty || options.Value.PostWhenEmpty;
        if (!outbox.Enqueue(subscription.Id, period, content, postIt, now))
        {
            return null;
        }
        logger.LogInformation("Digest for {Subscription} due {Period:u}: {Papers} new papers{Empty}", subscription.Id, period, content.NewPapers,
            postIt ? "" : " (nothing to post)");
        return postIt ? null : new DigestDelivery(subscription.Id, kinds.Display(subscription.Target), period, DigestDeliveryOutcome.Empty, 0, 0,
            $"nothing new since {subscription.CoveredUntil.ToString("u", System.Globalization.CultureInfo.InvariantCulture)}; nothing posted");
    }

    private async Task<DigestDelivery> DeliverAsync(DigestOutboxEntry entry, CancellationToken cancellationToken)
    {
        var o = options.Value;
        // Who holds a claim, as the outbox shows it: this process, and this delivery within it.
        var token = $"{ClaimOwner}/{Guid.NewGuid():N}";
        var lease = TimeSpan.FromSeconds(o.ClaimLeaseSeconds);
        var subscription = subscriptions.Get(entry.SubscriptionId);
        var display = subscription is null ? entry.SubscriptionId : kinds.Display(subscription.Target);
        DigestDelivery Result(DigestDeliveryOutcome outcome, string? detail, int partsSent) =>
            new(entry.SubscriptionId, display, entry.PeriodAt, outcome, entry.Content.Items.Count, partsSent, detail);

        if (!outbox.TryClaim(entry.Id, token, time.GetUtcNow(), time.GetUtcNow() + lease))
        {
            return Result(DigestDeliveryOutcome.Skipped, "another process is sending it", entry.PartsSent);
        }
        if (subscription is null || !subscription.Active)
        {
            outbox.Finish(entry.Id, token, DigestOutboxState.Cancelled, "the subscription was stopped", time.GetUtcNow());
            return Result(DigestDeliveryOutcome.Failed, "the subscription was stopped", entry.PartsSent);
        }
        if (!_senders.TryGetValue(subscription.Target.Kind, out var sender))
        {
            var why = $"no sender for {subscription.Target.Kind} targets is available in this build; the digest was not posted";
            logger.LogError("Digest {Outbox} for {Subscription}: {Reason}", entry.Id, subscription.Id, why);
            outbox.Finish(entry.Id, token, DigestOutboxState.Failed, why, time.GetUtcNow());
            return Result(DigestDeliveryOutcome.Failed, why, 0);
        }

        var partCount = sender.CountParts(entry.Content);
        var states = outbox.PartStates(entry.Id);
        var sent = states.Values.Count(s => s == "sent");
        for (var part = 0; part < partCount; part++)
        {
            if (states.TryGetValue(part, out var state) && state == "sent")
            {
                continue;
            }
            var key = $"pbd{entry.Id}p{part}";
            if (state == "sending" && !sender.ResendsSafely)
            {
                var why = $"part {part + 1} of {partCount} was being posted when delivery was interrupted and may or may not have landed; " +
                          "it is not re-sent, to avoid a duplicate, and its papers will be listed again in the next digest";
                logger.LogWarning("Digest {Outbox} for {Subscription} is in doubt: {Reason}", entry.Id, subscription.Id, why);
                outbox.Finish(entry.Id, token, DigestOutboxState.InDoubt, why, time.GetUtcNow());
                PaperBotTelemetry.DigestParts.Add(1, new KeyValuePair<string, object?>("outcome", "in_doubt"));
                return Result(DigestDeliveryOutcome.InDoubt, why, sent);
            }
            if (!outbox.BeginPart(entry.Id, token, part, partCount, key, time.GetUtcNow(), time.GetUtcNow() + lease))
            {
                return Result(DigestDeliveryOutcome.Skipped, "the claim ran out and another process took the digest over", sent);
            }
            string? messageId;
            try
            {
                messageId = await sender.SendPartAsync(subscription.Target.Address, entry.Content, part, key, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Shutting down mid-POST is the same as dying mid-POST: the part stays "sending" and the next run decides.
                throw;
            }
            catch (DigestTargetGoneException e)
            {
                outbox.AbandonPart(entry.Id, part);
                var why = $"the target is gone: {e.Message}";
                logger.LogError("Digest subscription {Subscription} ({Target}) deactivated: {Reason}", subscription.Id, display, e.Message);
                outbox.Finish(entry.Id, token, DigestOutboxState.Failed, why, time.GetUtcNow());
                subscriptions.Deactivate(subscription.Id, why);
                return Result(DigestDeliveryOutcome.TargetGone, why, sent);
            }
            catch (DigestNotPostedException e)
            {
                outbox.AbandonPart(entry.Id, part);
                var attempts = entry.Attempts + 1;
                if (e.Permanent || attempts >= o.MaxAttempts)
                {
                    var why = e.Permanent ? $"refused: {e.Message}" : $"gave up after {attempts} attempts: {e.Message}";
                    logger.LogError("Digest {Outbox} for {Subscription} failed: {Reason}", entry.Id, subscription.Id, why);
                    outbox.Finish(entry.Id, token, DigestOutboxState.Failed, why, time.GetUtcNow());
                    return Result(DigestDeliveryOutcome.Failed, why, sent);
                }
                var next = time.GetUtcNow() + TimeSpan.FromSeconds(o.RetryAfterSeconds * Math.Pow(2, attempts - 1));
                logger.LogWarning("Digest {Outbox} for {Subscription} not posted (attempt {Attempt}), retrying at {Next:u}: {Reason}",
                    entry.Id, subscription.Id, attempts, next, e.Message);
                outbox.Release(entry.Id, token, attempts, next, e.Message);
                return Result(DigestDeliveryOutcome.WillRetry, e.Message, sent);
            }
            catch (Exception e)
            {
                // The request may have reached the channel (a timeout, a dropped connection after sending).
                if (sender.ResendsSafely)
                {
                    var next = time.GetUtcNow() + TimeSpan.FromSeconds(o.RetryAfterSeconds);
                    outbox.Release(entry.Id, token, entry.Attempts + 1, next, "outcome unknown, re-sending with the same key: " + e.Message);
                    return Result(DigestDeliveryOutcome.WillRetry, e.Message, sent);
                }
                var why = $"part {part + 1} of {partCount} may or may not have been posted ({e.GetType().Name}: {e.Message}); not re-sent, to avoid a duplicate";
                logger.LogWarning(e, "Digest {Outbox} for {Subscription} is in doubt", entry.Id, subscription.Id);
                outbox.Finish(entry.Id, token, DigestOutboxState.InDoubt, why, time.GetUtcNow());
                PaperBotTelemetry.DigestParts.Add(1, new KeyValuePair<string, object?>("outcome", "in_doubt"));
                return Result(DigestDeliveryOutcome.InDoubt, why, sent);
            }
            outbox.CompletePart(entry.Id, part, messageId, time.GetUtcNow());
            PaperBotTelemetry.DigestParts.Add(1, new KeyValuePair<string, object?>("outcome", "sent"));
            sent++;
        }
        outbox.Finish(entry.Id, token, DigestOutboxState.Sent, null, time.GetUtcNow());
        logger.LogInformation("Digest {Outbox} for {Subscription} sent in {Parts} part(s)", entry.Id, subscription.Id, partCount);
        return Result(DigestDeliveryOutcome.Sent, null, sent);
    }
}
