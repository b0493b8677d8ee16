using Microsoft.Extensions.Options;
using Npgsql;
using PaperBot.Core.Ingest;

namespace PaperBot.Core.Storage.Postgres;

/// <summary>
/// Ingest work claimed in PostgreSQL (<c>ingest_claims</c>, migration 7). A claim is an insert of the work's key, or
/// the take-over of a claim whose lease ran out, in one statement: two replicas claiming at once meet on the row lock,
/// and the second finds the first one's claim. A finished row stays, so the work is never done twice.
/// </summary>
public sealed class PostgresIngestClaims(PostgresDatabase database, IOptions<SharedStorageOptions> options, TimeProvider time, SqliteConnectionFactory index) : IIngestClaims
{
    private readonly string _claimant = ReplicaClaimant.Of(index);

    public bool IsShared => true;

    public IngestClaim Claim(IngestWork work)
    {
        var now = time.GetUtcNow();
        using var connection = database.Open();
        using (var claim = new NpgsqlCommand("""
            INSERT INTO ingest_claims (kind, key, state, claimed_by, claimed_at, lease_until) VALUES (@kind, @key, 'claimed', @by, @now, @until)
            ON CONFLICT (kind, key) DO UPDATE SET claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at, lease_until = excluded.lease_until
            WHERE ingest_claims.state = 'claimed' AND (ingest_claims.lease_until < @now OR ingest_claims.claimed_by = @by)
            RETURNING 1
            """, connection))
        {
            claim.Parameters.AddWithValue("kind", work.Kind);
            claim.Parameters.AddWithValue("key", work.Key);
            claim.Parameters.AddWithValue("by", _claimant);
            claim.Parameters.AddWithValue("now", now.UtcDateTime);
            claim.Parameters.AddWithValue("until", (now + TimeSpan.FromSeconds(options.Value.IngestLeaseSeconds)).UtcDateTime);
            if (claim.ExecuteScalar() is not null)
            {
                return IngestClaim.Ours;
            }
        }
        using var read = new NpgsqlCommand("SELECT state, claimed_by, finished_at, outcome FROM ingest_claims WHERE kind = @kind AND key = @key", connection);
        read.Parameters.AddWithValue("kind", work.Kind);
        read.Parameters.AddWithValue("key", work.Key);
        using var reader = read.ExecuteReader();
        if (!reader.Read())
        {
            // Released and deleted between the two statements: the next pass claims it.
            return new IngestClaim(IngestClaimState.HeldElsewhere);
        }
        var state = reader.GetString(0) switch
        {
            "done" => IngestClaimState.Finished,
            "failed" => IngestClaimState.Failed,
            _ => IngestClaimState.HeldElsewhere,
        };
        return new IngestClaim(state, reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2), reader.IsDBNull(3) ? null : reader.GetString(3));
    }

    public IDisposable KeepClaimed(IngestWork work)
    {
        var every = TimeSpan.FromSeconds(options.Value.IngestLeaseSeconds / 3.0);
        return time.CreateTimer(_ =>
        {
            try
            {
                Renew(work);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException or ObjectDisposedException or InvalidOperationException)
            {
                // Never thrown on a timer thread (that would end the process): renewed at the next tick if the database
                // is back, otherwise the lease runs out as for a dead replica.
            }
        }, null, every, every);
    }

    private void Renew(IngestWork work)
    {
        using var connection = database.Open();
        using var cmd = new NpgsqlCommand("""
            UPDATE ingest_claims SET lease_until = @until WHERE kind = @kind AND key = @key AND claimed_by = @by AND state = 'claimed'
            """, connection);
        cmd.Parameters.AddWithValue("kind", work.Kind);
        cmd.Parameters.AddWithValue("key", work.Key);
        cmd.Parameters.AddWithValue("by", _claimant);
        cmd.Parameters.AddWithValue("until", (time.GetUtcNow() + TimeSpan.FromSeconds(options.Value.IngestLeaseSeconds)).UtcDateTime);
        cmd.ExecuteNonQuery();
    }

    public void Finish(IngestWork work, bool succeeded, string outcome)
    {
        using var connection = database.Open();
        using var cmd = new NpgsqlCommand("""
            UPDATE ingest_claims SET state = @state, finished_at = @now, outcome = @outcome, lease_until = NULL
            WHERE kind = @kind AND key = @key AND claimed_by = @by AND state = 'claimed'
            """, connection);
        cmd.Parameters.AddWithValue("kind", work.Kind);
        cmd.Parameters.AddWithValue("key", work.Key);
        cmd.Parameters.AddWithValue("by", _claimant);
        cmd.Parameters.AddWithValue("state", succeeded ? "done" : "failed");
        cmd.Parameters.AddWithValue("now", time.GetUtcNow().UtcDateTime);
        cmd.Parameters.AddWithValue("outcome", outcome.Length <= 2000 ? outcome : outcome[..2000]);
        cmd.ExecuteNonQuery();
    }

    public void Release(IngestWork work)
    {
        using var connection = database.Open();
        using var cmd = new NpgsqlCommand("DELETE FROM ingest_claims WHERE kind = @kind AND key = @key AND claimed_by = @by AND state = 'claimed'", connection);
        cmd.Parameters.AddWithValue("kind", work.Kind);
        cmd.Parameters.AddWithValue("key", work.Key);
        cmd.Parameters.AddWithValue("by", _claimant);
        cmd.ExecuteNonQuery();
    }
}
