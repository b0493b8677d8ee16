using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using PaperBot.Core.Digest;

namespace PaperBot.Core.Storage.Postgres;

/// <summary>
/// Digest subscriptions in PostgreSQL, shared by every replica: a subscription made through any replica (a slash
/// command, a Teams message, the CLI) is seen and scheduled by all of them, and configured ones are upserted by name
/// in one statement, so replicas starting together make one subscription, not one each.
/// </summary>
public sealed class PostgresDigestSubscriptionStore(
    PostgresDatabase database,
    SqliteConnectionFactory index,
    TimeProvider time,
    IOptions<DigestOptions> options,
    DigestTargetKinds kinds) : IDigestSubscriptionStore
{
    private const string Columns = DigestSubscriptionRow.Columns;

    private const string Values = """
        @id, @kind, @address, @cron, @tz, @keywords, @min, @max, true, @origin, @config, @by, @created, @anchor, @covered, NULL, NULL
        """;

    public DigestSubscription? TryCreate(NewDigestSubscription request, out string? error)
    {
        if (DigestSubscriptionRequests.Check(request, options.Value, kinds, out var schedule, out var filters) is { } problem)
        {
            error = problem;
            return null;
        }
        error = null;
        var subscription = DigestSubscriptionRequests.Create(request, schedule!, filters!, options.Value, time.GetUtcNow(), InitialLoadAt());
        using var connection = database.Open();
        using var cmd = new NpgsqlCommand($"INSERT INTO digest_subscriptions ({Columns}) VALUES ({Values})", connection);
        AddValues(cmd, subscription);
        cmd.ExecuteNonQuery();
        return subscription;
    }

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
        var fresh = DigestSubscriptionRequests.Create(request, schedule!, filters!, options.Value, time.GetUtcNow(), InitialLoadAt());
        using var connection = database.Open();
        // A new name is inserted with fresh progress; a known one keeps its id and progress and takes the configured settings.
        using var cmd = new NpgsqlCommand($"""
            INSERT INTO digest_subscriptions ({Columns}) VALUES ({Values})
            ON CONFLICT (config_name) DO UPDATE SET target_kind = excluded.target_kind, target_address = excluded.target_address,
                cron = excluded.cron, time_zone = excluded.time_zone, keywords_json = excluded.keywords_json,
                min_upvotes = excluded.min_upvotes, max_items = excluded.max_items,
                active = true, deactivated_at = NULL, deactivated_reason = NULL
            RETURNING id
            """, connection);
        AddValues(cmd, fresh);
        var id = (string)cmd.ExecuteScalar()!;
        return Get(id)!;
    }

    public DigestSubscription? Get(string id) => Query("id = @id", ("id", id.Trim())).FirstOrDefault();

    public IReadOnlyList<DigestSubscription> List(bool activeOnly = false) => Query(activeOnly ? "active" : "true");

    public IReadOnlyList<DigestSubscription> ForTarget(DigestTarget target) =>
        Query("target_kind = @kind AND target_address = @address", ("kind", target.Kind), ("address", target.Address.Trim()));

    public bool Deactivate(string id, string reason)
    {
        using var connection = database.Open();
        using var cmd = new NpgsqlCommand(
            "UPDATE digest_subscriptions SET active = false, deactivated_at = @now, deactivated_reason = @reason WHERE id = @id AND active", connection);
        cmd.Parameters.AddWithValue("now", time.GetUtcNow().ToUniversalTime());
        cmd.Parameters.AddWithValue("reason", reason);
        cmd.Parameters.AddWithValue("id", id.Trim());
        return cmd.ExecuteNonQuery() == 1;
    }

    /// <summary>
    /// When this replica's index received its first papers. The papers are the replica's read model of the shared
    /// listing log, so this is read from the local index, as the composer reads the papers themselves.
    /// </summary>
    private DateTimeOffset? InitialLoadAt()
    {
        using var connection = index.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT MIN(first_seen) FROM papers";
        return cmd.ExecuteScalar() is string s
            ? DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind).ToUniversalTime()
            : null;
    }

    private static void AddValues(NpgsqlCommand cmd, DigestSubscription s)
    {
        cmd.Parameters.AddWithValue("id", s.Id);
        cmd.Parameters.AddWithValue("kind", s.Target.Kind);
        cmd.Parameters.AddWithValue("address", s.Target.Address);
        cmd.Parameters.AddWithValue("cron", s.Schedule.Cron);
        cmd.Parameters.AddWithValue("tz", s.Schedule.TimeZone);
        cmd.Parameters.AddWithValue("keywords", JsonSerializer.Serialize(s.Filters.Keywords));
        cmd.Parameters.AddWithValue("min", s.Filters.MinUpvotes);
        cmd.Parameters.AddWithValue("max", s.Filters.MaxItems);
        cmd.Parameters.AddWithValue("origin", s.Origin);
        cmd.Parameters.AddWithValue("config", (object?)s.ConfigName ?? DBNull.Value);
        cmd.Parameters.AddWithValue("by", (object?)s.CreatedBy ?? DBNull.Value);
        cmd.Parameters.AddWithValue("created", s.CreatedAt.ToUniversalTime());
        cmd.Parameters.AddWithValue("anchor", s.AnchorAt.ToUniversalTime());
        cmd.Parameters.AddWithValue("covered", s.CoveredUntil.ToUniversalTime());
    }

    private List<DigestSubscription> Query(string where, params (string Name, object Value)[] parameters)
    {
        using var connection = database.Open();
        using var cmd = new NpgsqlCommand($"SELECT {Columns} FROM digest_subscriptions WHERE {where} ORDER BY created_at, id", connection);
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
