using System.Data.Common;
using System.Text.Json;
using PaperBot.Core.Storage;

namespace PaperBot.Core.Digest;

/// <summary>A <c>digest_subscriptions</c> row, selected in the column order both stores use, read the same way from SQLite and PostgreSQL.</summary>
internal static class DigestSubscriptionRow
{
    public const string Columns = """
        id, target_kind, target_address, cron, time_zone, keywords_json, min_upvotes, max_items, active, origin,
        config_name, created_by, created_at, anchor_at, covered_until, deactivated_at, deactivated_reason
        """;

    public static DigestSubscription Read(DbDataReader r) => new()
    {
        Id = r.GetString(0),
        Target = new DigestTarget(r.GetString(1), r.GetString(2)),
        // Stored schedules were validated on the way in; a zone missing on this machine is reported, not fatal.
        Schedule = DigestSchedule.TryCreate(r.GetString(3), r.GetString(4), out _) ?? DigestSchedule.Create(r.GetString(3), DigestSchedule.DefaultTimeZone),
        Filters = new DigestFilters(JsonSerializer.Deserialize<List<string>>(r.GetString(5)) ?? [], r.GetInt32(6), r.GetInt32(7)),
        Active = StoredColumns.Boolean(r, 8),
        Origin = r.GetString(9),
        ConfigName = StoredColumns.StringOrNull(r, 10),
        CreatedBy = StoredColumns.StringOrNull(r, 11),
        CreatedAt = StoredColumns.Time(r, 12),
        AnchorAt = StoredColumns.Time(r, 13),
        CoveredUntil = StoredColumns.Time(r, 14),
        DeactivatedAt = StoredColumns.TimeOrNull(r, 15),
        DeactivatedReason = StoredColumns.StringOrNull(r, 16),
    };
}
