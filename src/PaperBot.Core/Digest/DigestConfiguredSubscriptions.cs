using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PaperBot.Core.Digest;

/// <summary>
/// Upserts <c>Digest:Subscriptions</c> by name, so configuration is the source of truth for them while their
/// progress (what was already sent) lives in the database.
/// </summary>
public sealed class DigestConfiguredSubscriptions(IDigestSubscriptionStore subscriptions, DigestTargetKinds kinds, IOptions<DigestOptions> options, ILogger<DigestConfiguredSubscriptions> logger)
{
    public IReadOnlyList<DigestSubscription> Apply()
    {
        var applied = new List<DigestSubscription>();
        foreach (var s in options.Value.Subscriptions)
        {
            var subscription = subscriptions.Upsert(new NewDigestSubscription(s.TargetIn(kinds) ?? throw new FormatException($"Digest subscription \"{s.Name}\" names no target."), s.Cron, s.TimeZone, s.Keywords, s.MinUpvotes, s.MaxItems,
                "config", "configuration", s.Name));
            logger.LogInformation("Digest subscription \"{Name}\" is {Id} ({Target})", s.Name, subscription.Id, kinds.Display(subscription.Target));
            applied.Add(subscription);
        }
        return applied;
    }
}
