using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using PaperBot.Core.Embeddings;

namespace PaperBot.Core.Storage.Postgres;

/// <summary>
/// Paper vectors in PostgreSQL (<c>paper_embeddings</c>, migration 5), one row per (model, content hash): a claim row
/// (no vectors yet, <c>claimed_by</c> and <c>lease_until</c> set) while a replica embeds the paper, the vectors once it
/// has. Claims are <c>INSERT … ON CONFLICT DO UPDATE … WHERE</c> the row has no vectors and its lease ran out: the row
/// lock makes a second replica claiming at the same moment see the first one's claim and skip the paper. No pgvector
/// here (Debian's PostgreSQL 15 does not ship it), and none needed: the vectors are bytea, ranked in each replica's index.
/// </summary>
public sealed class PostgresEmbeddingStore(PostgresDatabase database, IOptions<SharedStorageOptions> options, TimeProvider time, SqliteConnectionFactory index) : ISharedEmbeddingStore
{
    private readonly string _claimant = ReplicaClaimant.Of(index);

    public bool IsShared => true;

    public IReadOnlyList<SharedPaperVectors> Find(string model, IReadOnlyCollection<string> contentHashes)
    {
        if (contentHashes.Count == 0)
        {
            return [];
        }
        using var connection = database.Open();
        using var cmd = new NpgsqlCommand("""
            SELECT content_hash, paper_id, dimensions, vectors FROM paper_embeddings
            WHERE model = @model AND content_hash = ANY(@hashes) AND vectors IS NOT NULL
            """, connection);
        cmd.Parameters.AddWithValue("model", model);
        cmd.Parameters.AddWithValue("hashes", contentHashes.ToArray());
        using var reader = cmd.ExecuteReader();
        var found = new List<SharedPaperVectors>();
        while (reader.Read())
        {
            var bytes = reader.GetFieldValue<byte[]>(3);
            found.Add(new SharedPaperVectors(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), MemoryMarshal.Cast<byte, float>(bytes).ToArray()));
        }
        return found;
    }

    public IReadOnlySet<string> Claim(string model, IReadOnlyCollection<(string ContentHash, string PaperId)> papers)
    {
        if (papers.Count == 0)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }
        // One row per hash (a statement may not touch a row twice), in key order, so two replicas claiming overlapping
        // batches lock rows in the same order and never deadlock.
        var distinct = papers.DistinctBy(p => p.ContentHash).OrderBy(p => p.ContentHash, StringComparer.Ordinal).ToList();
        var now = time.GetUtcNow();
        using var connection = database.Open();
        using var cmd = new NpgsqlCommand("""
            INSERT INTO paper_embeddings (model, content_hash, paper_id, claimed_by, lease_until)
            SELECT @model, h, p, @by, @until FROM unnest(@hashes, @ids) WITH ORDINALITY AS t(h, p, n) ORDER BY n
            ON CONFLICT (model, content_hash) DO UPDATE SET claimed_by = excluded.claimed_by, lease_until = excluded.lease_until
            WHERE paper_embeddings.vectors IS NULL
                AND (paper_embeddings.lease_until IS NULL OR paper_embeddings.lease_until < @now OR paper_embeddings.claimed_by = @by)
            RETURNING content_hash
            """, connection);
        cmd.Parameters.AddWithValue("model", model);
        cmd.Parameters.AddWithValue("by", _claimant);
        cmd.Parameters.AddWithValue("now", now.UtcDateTime);
        cmd.Parameters.AddWithValue("until", (now + TimeSpan.FromSeconds(options.Value.EmbeddingLeaseSeconds)).UtcDateTime);
        cmd.Parameters.AddWithValue("hashes", distinct.Select(p => p.ContentHash).ToArray());
        cmd.Parameters.AddWithValue("ids", distinct.Select(p => p.PaperId).ToArray());
        using var reader = cmd.ExecuteReader();
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            claimed.Add(reader.GetString(0));
        }
        return claimed;
    }

    public IDisposable KeepClaimed(string model, IReadOnlyCollection<string> contentHashes)
    {
        var every = TimeSpan.FromSeconds(options.Value.EmbeddingLeaseSeconds / 3.0);
        var hashes = contentHashes.ToArray();
        return time.CreateTimer(_ =>
        {
            try
            {
                using var connection = database.Open();
                using var cmd = new NpgsqlCommand("""
                    UPDATE paper_embeddings SET lease_until = @until
                    WHERE model = @model AND content_hash = ANY(@hashes) AND claimed_by = @by AND vectors IS NULL
                    """, connection);
                cmd.Parameters.AddWithValue("model", model);
                cmd.Parameters.AddWithValue("hashes", hashes);
                cmd.Parameters.AddWithValue("by", _claimant);
                cmd.Parameters.AddWithValue("until", (time.GetUtcNow() + TimeSpan.FromSeconds(options.Value.EmbeddingLeaseSeconds)).UtcDateTime);
                cmd.ExecuteNonQuery();
            }
            catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException or ObjectDisposedException or InvalidOperationException)
            {
                // Never thrown on a timer thread: the next tick tries again, or the lease runs out as for a dead replica.
            }
        }, null, every, every);
    }

    public void Store(string model, IReadOnlyList<SharedPaperVectors> vectors)
    {
        if (vectors.Count == 0)
        {
            return;
        }
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        using var cmd = new NpgsqlCommand("""
            INSERT INTO paper_embeddings (model, content_hash, paper_id, dimensions, vectors, embedded_by, embedded_at)
            VALUES (@model, @hash, @id, @dims, @vectors, @by, @at)
            ON CONFLICT (model, content_hash) DO UPDATE SET dimensions = excluded.dimensions, vectors = excluded.vectors,
                embedded_by = excluded.embedded_by, embedded_at = excluded.embedded_at, claimed_by = NULL, lease_until = NULL
            WHERE paper_embeddings.vectors IS NULL
            """, connection, tx);
        cmd.Parameters.AddWithValue("model", model);
        cmd.Parameters.AddWithValue("by", _claimant);
        cmd.Parameters.AddWithValue("at", time.GetUtcNow().UtcDateTime);
        var hash = cmd.Parameters.Add("hash", NpgsqlDbType.Text);
        var id = cmd.Parameters.Add("id", NpgsqlDbType.Text);
        var dims = cmd.Parameters.Add("dims", NpgsqlDbType.Integer);
        var blob = cmd.Parameters.Add("vectors", NpgsqlDbType.Bytea);
        foreach (var row in vectors.OrderBy(v => v.ContentHash, StringComparer.Ordinal))
        {
            hash.Value = row.ContentHash;
            id.Value = row.PaperId;
            dims.Value = row.Dimensions;
            blob.Value = MemoryMarshal.AsBytes(row.Vectors.AsSpan()).ToArray();
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    public int RemoveStale(string model, IReadOnlyCollection<string> currentHashes)
    {
        var cutoff = (time.GetUtcNow() - TimeSpan.FromHours(options.Value.StaleVectorHours)).UtcDateTime;
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        // A claim is stale once its lease ran out that long ago (a released one at once). The anti-join against the
        // unnested hashes is a hash join, so a million current papers cost one pass over the model's rows.
        using var versions = new NpgsqlCommand("""
            DELETE FROM paper_embeddings e
            WHERE e.model = @model AND COALESCE(e.embedded_at, e.lease_until, '-infinity') < @cutoff
                AND NOT EXISTS (SELECT 1 FROM unnest(@hashes) AS h(hash) WHERE h.hash = e.content_hash)
            """, connection, tx);
        versions.Parameters.AddWithValue("model", model);
        versions.Parameters.AddWithValue("cutoff", cutoff);
        versions.Parameters.AddWithValue("hashes", currentHashes.ToArray());
        var removed = versions.ExecuteNonQuery();
        using var models = new NpgsqlCommand("""
            DELETE FROM paper_embeddings WHERE model IN (
                SELECT model FROM paper_embeddings WHERE model <> @model
                GROUP BY model HAVING max(COALESCE(embedded_at, lease_until, '-infinity')) < @cutoff)
            """, connection, tx);
        models.Parameters.AddWithValue("model", model);
        models.Parameters.AddWithValue("cutoff", cutoff);
        removed += models.ExecuteNonQuery();
        tx.Commit();
        return removed;
    }

    public void Release(string model, IReadOnlyCollection<string> contentHashes)
    {
        if (contentHashes.Count == 0)
        {
            return;
        }
        using var connection = database.Open();
        using var cmd = new NpgsqlCommand("""
            UPDATE paper_embeddings SET claimed_by = NULL, lease_until = NULL
            WHERE model = @model AND content_hash = ANY(@hashes) AND claimed_by = @by AND vectors IS NULL
            """, connection);
        cmd.Parameters.AddWithValue("model", model);
        cmd.Parameters.AddWithValue("hashes", contentHashes.ToArray());
        cmd.Parameters.AddWithValue("by", _claimant);
        cmd.ExecuteNonQuery();
    }
}
