using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using PaperBot.Core.Storage;

namespace PaperBot.Core.Digest;

/// <summary>Subscriptions in SQLite: created from the CLI, the channels or configuration; never deleted, only deactivated.</summary>
public sealed class DigestSubscriptionStore(SqliteConnectionFactory database, TimeProvider time, IOptions<DigestOptions> options, DigestTargetKinds kinds)
    : IDigestSubscriptionStore
{
    private const string Columns = DigestSubscriptionRow.Columns;

    public DigestSubscription? TryCreate(NewDigestSubscription request, out string? error)
    {
        if (DigestSubscriptionRequests.Check(request, options.Value, kinds, out var schedule, out var filters) is { } problem)
        {
            error = problem;
            return null;
        }
        error = null;
        using var connection = database.Open();
        var subscription = DigestSubscriptionRequests.Create(request, schedule!, filters!, options.Value, time.GetUtcNow(), InitialLoadAt(connection));
        Insert(connection, null, subscription);
        return subscription;
    }

    /// <summary>
    /// Creates or updates a configuration-defined subscription by name. Its progress (what was already sent) is
    /// kept across restarts; a changed target, schedule or filters take effect from now on, and it is reactivated.
    /// </summary>
    public DigestSubscription Upsert(NewDigestSubscription request)
    {
        if (request.ConfigName is null)
        {
            throw new ArgumentException("Only configuration-defined subscriptions are upserted.", nameof(request));
        }
        if (DigestSubscriptionRequests.Check(request, options.Value, kinds, out var schedule, out var filters) is { } problem)
        {
            throw new FormatException($"Digest subscription \"{request.ConfigName}\": {problem}");
        }
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        var existing = Query(connection, tx, "config_name = $name", ("$name", request.ConfigName)).FirstOrDefault();
        if (existing is null)
        {
            tx.Commit();
            return TryCreate(request, out var error) ?? throw new FormatException(error);
        }
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            UPDATE digest_subscriptions SET target_kind = $kind, target_address = $address, cron = $cron, time_zone = $tz,
                keywords_json = $keywords, min_upvotes = $min, max_items = $max, active = 1, deactivated_at = NULL, deactivated_reason = NULL
            WHERE id = $id
            """;
        cmd.Parameters.AddWithValue("$kind", request.Target.Kind);
        cmd.Parameters.AddWithValue("$address", request.Target.Address.Trim());
        cmd.Parameters.AddWithValue("$cron", schedule!.Cron);
        cmd.Parameters.AddWithValue("$tz", schedule.TimeZone);
        cmd.Parameters.AddWithValue("$keywords", JsonSerializer.Serialize(filters!.Keywords));
        cmd.Parameters.AddWithValue("$min", filters.MinUpvotes);
        cmd.Parameters.AddWithValue("$max", filters.MaxItems);
        cmd.Parameters.AddWithValue("$id", existing.Id);
        cmd.ExecuteNonQuery();
        tx.Commit();
        return Get(existing.Id)!;
    }

    public DigestSubscription? Get(string id)
    {
        using var connection = database.Open();
        return Query(connection, null, "id = $id", ("$id", id.Trim())).FirstOrDefault();
    }

    public IReadOnlyList<DigestSubscription> List(bool activeOnly = false)
    {
        using var connection = database.Open();
        return Query(connection, null, activeOnly ? "active = 1" : "1 = 1");
    }

    public IReadOnlyList<DigestSubscription> ForTarget(DigestTarget target)
    {
        using var connection = database.Open();
        return Query(connection, null, "target_kind = $kind AND target_address = $address",
            ("$kind", target.Kind), ("$address", target.Address.Trim()));
    }

    /// <summary>Stops a subscription, keeping its history; returns false when it was not active.</summary>
    public bool Deactivate(string id, string reason)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "UPDATE digest_subscriptions SET active = 0, deactivated_at = $now, deactivated_reason = $reason WHERE id = $id AND active = 1";
        cmd.Parameters.AddWithValue("$now", StoredTime.Format(time.GetUtcNow()));
        cmd.Parameters.AddWithValue("$reason", reason);
        cmd.Parameters.AddWithValue("$id", id.Trim());
        return cmd.ExecuteNonQuery() == 1;
    }

    private static DateTimeOffset? InitialLoadAt(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT MIN(first_seen) FROM papers";
        return StoredTime.ParseOrNull(cmd.ExecuteScalar());
    }

    private static void Insert(SqliteConnection connection, SqliteTransaction? tx, DigestSubscription s)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"""
            INSERT INTO digest_subscriptions({Columns})
            VALUES ($id, $kind, $address, $cron, $tz, $keywords, $min, $max, 1, $origin, $config, $by, $created, $anchor, $covered, NULL, NULL)
            """;
        cmd.Parameters.AddWithValue("$id", s.Id);
        cmd.Parameters.AddWithValue("$kind", s.Target.Kind);
        cmd.Parameters.AddWithValue("$address", s.Target.Address);
        cmd.Parameters.AddWithValue("$cron", s.Schedule.Cron);
        cmd.Parameters.AddWithValue("$tz", s.Schedule.TimeZone);
        cmd.Parameters.AddWithValue("$keywords", JsonSerializer.Serialize(s.Filters.Keywords));
        cmd.Parameters.AddWithValue("$min", s.Filters.MinUpvotes);
        cmd.Parameters.AddWithValue("$max", s.Filters.MaxItems);
        cmd.Parameters.AddWithValue("$origin", s.Origin);
        cmd.Parameters.AddWithValue("$config", (object?)s.ConfigName ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$by", (object?)s.CreatedBy ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$created", StoredTime.Format(s.CreatedAt));
        cmd.Parameters.AddWithValue("$anchor", StoredTime.Format(s.AnchorAt));
        cmd.Parameters.AddWithValue("$covered", StoredTime.Format(s.CoveredUntil));
        cmd.ExecuteNonQuery();
    }

    private static List<DigestSubscription> Query(SqliteConnection connection, SqliteTransaction? tx, string where, params (string Name, object Value)[] parameters)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"SELECT {Columns} FROM digest_subscriptions WHERE {where} ORDER BY created_at, id";
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }
        using var r = cmd.ExecuteReader();
        var list = new List<DigestSubscription>();
        while (r.Read())
        {
            list.Add(DigestSubscriptionRow.Read(r));
        }
        return list;
    }
}
