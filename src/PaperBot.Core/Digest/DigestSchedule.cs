using Cronos;

namespace PaperBot.Core.Digest;

/// <summary>
/// When a subscription's digests fall due: a five-field cron expression read in an IANA time zone, so "0 9 * * *"
/// in Europe/Berlin stays 09:00 local across daylight-saving changes.
/// </summary>
public sealed class DigestSchedule
{
    public const string DefaultCron = "0 9 * * *";
    public const string DefaultTimeZone = "UTC";

    private static readonly TimeSpan[] LookBackSteps =
        [TimeSpan.FromDays(1), TimeSpan.FromDays(8), TimeSpan.FromDays(32), TimeSpan.FromDays(367), TimeSpan.FromDays(5 * 366)];

    private readonly CronExpression _expression;

    private DigestSchedule(string cron, TimeZoneInfo zone, CronExpression expression)
    {
        Cron = cron;
        Zone = zone;
        _expression = expression;
    }

    public string Cron { get; }
    public TimeZoneInfo Zone { get; }
    public string TimeZone => Zone.Id;

    /// <summary>Parses a schedule; on failure returns null and the reason a person should see.</summary>
    public static DigestSchedule? TryCreate(string? cron, string? timeZone, out string? error)
    {
        cron = string.IsNullOrWhiteSpace(cron) ? DefaultCron : cron.Trim();
        timeZone = string.IsNullOrWhiteSpace(timeZone) ? DefaultTimeZone : timeZone.Trim();
        error = null;
        CronExpression expression;
        try
        {
            expression = CronExpression.Parse(cron, CronFormat.Standard);
        }
        catch (CronFormatException e)
        {
            error = $"\"{cron}\" is not a five-field cron expression (minute hour day month weekday): {e.Message}";
            return null;
        }
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            error = $"\"{timeZone}\" is not a known IANA time zone (for example UTC, Europe/Berlin, America/New_York).";
            return null;
        }
        if (expression.GetNextOccurrence(DateTimeOffset.UnixEpoch, zone) is null)
        {
            error = $"\"{cron}\" never falls due.";
            return null;
        }
        return new DigestSchedule(cron, zone, expression);
    }

    public static DigestSchedule Create(string? cron, string? timeZone) =>
        TryCreate(cron, timeZone, out var error) ?? throw new FormatException(error);

    /// <summary>The next time after <paramref name="after"/> that a digest falls due, in UTC.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after) =>
        _expression.GetNextOccurrence(after.ToUniversalTime(), Zone)?.ToUniversalTime();

    /// <summary>
    /// The latest due time in (<paramref name="after"/>, <paramref name="upTo"/>], in UTC, or null. Only the latest
    /// matters: after downtime one catch-up digest is sent, not one per missed period.
    /// </summary>
    public DateTimeOffset? LatestDue(DateTimeOffset after, DateTimeOffset upTo)
    {
        after = after.ToUniversalTime();
        upTo = upTo.ToUniversalTime();
        if (upTo <= after)
        {
            return null;
        }
        // Search backwards in widening windows so a minutely cron after a long outage does not enumerate every minute.
        foreach (var step in LookBackSteps)
        {
            var from = upTo - step > after ? upTo - step : after;
            var latest = Latest(from, upTo);
            if (latest is not null || from == after)
            {
                return latest;
            }
        }
        return Latest(after, upTo);
    }

    private DateTimeOffset? Latest(DateTimeOffset from, DateTimeOffset upTo)
    {
        DateTimeOffset? latest = null;
        foreach (var occurrence in _expression.GetOccurrences(from, upTo, Zone, fromInclusive: false, toInclusive: true))
        {
            latest = occurrence;
        }
        return latest?.ToUniversalTime();
    }
}
