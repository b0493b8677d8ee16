using System.Security.Cryptography;

namespace PaperBot.Core.Digest;

/// <summary>What every subscription store does the same way: checking a request, new ids, and where a first digest starts.</summary>
internal static class DigestSubscriptionRequests
{
    /// <summary>The reason a request is refused, or null with its parsed schedule and filters.</summary>
    public static string? Check(NewDigestSubscription request, DigestOptions options, DigestTargetKinds kinds,
        out DigestSchedule? schedule, out DigestFilters? filters)
    {
        filters = null;
        schedule = DigestSchedule.TryCreate(request.Cron, request.TimeZone, out var scheduleError);
        if (schedule is null)
        {
            return scheduleError;
        }
        var address = request.Target.Address.Trim();
        if (address.Length == 0 || address.Length > 2000)
        {
            return "the target is empty or too long.";
        }
        if (kinds.Check(request.Target) is { } targetError)
        {
            return targetError;
        }
        var maxItems = request.MaxItems ?? options.DefaultMaxItems;
        if (DigestFilters.Validate(request.Keywords, request.MinUpvotes, maxItems) is { } filterError)
        {
            return filterError;
        }
        filters = new DigestFilters(request.Keywords.Select(k => k.Trim()).Where(k => k.Length > 0).ToList(), request.MinUpvotes, maxItems);
        return null;
    }

    /// <summary>
    /// A new subscription, not yet stored. The first digest lists papers that arrived in the lookback window, never the
    /// initial load of the database (the starting corpus is not news): its papers all carry the first ingest run's time.
    /// </summary>
    public static DigestSubscription Create(NewDigestSubscription request, DigestSchedule schedule, DigestFilters filters, DigestOptions options,
        DateTimeOffset now, DateTimeOffset? initialLoad)
    {
        var covered = now - TimeSpan.FromHours(options.FirstDigestLookbackHours);
        if (initialLoad is { } load && load > covered)
        {
            covered = load < now ? load : now;
        }
        return new DigestSubscription
        {
            Id = NewId(),
            Target = request.Target with { Address = request.Target.Address.Trim() },
            Schedule = schedule,
            Filters = filters,
            Origin = request.Origin,
            ConfigName = request.ConfigName,
            CreatedBy = request.CreatedBy,
            CreatedAt = now,
            AnchorAt = now,
            CoveredUntil = covered,
        };
    }

    /// <summary>Short, unguessable ids ("dg" + 8 base-32 characters): a channel cannot unsubscribe another by counting.</summary>
    public static string NewId()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        var chars = new char[10];
        chars[0] = 'd';
        chars[1] = 'g';
        for (var i = 0; i < 8; i++)
        {
            chars[i + 2] = alphabet[bytes[i] % alphabet.Length];
        }
        return new string(chars);
    }
}
