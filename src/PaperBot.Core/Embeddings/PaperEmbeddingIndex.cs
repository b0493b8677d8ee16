using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Storage;

namespace PaperBot.Core.Embeddings;

/// <summary>
/// Paper embeddings from the deployer's embedding service, stored in SQLite beside the papers. A paper is embedded
/// once; it is embedded again only when its content changes (its content hash), and papers added by an ingest are
/// embedded before the next question is answered. Ranking compares the question's embedding with every stored one
/// (cosine), held in memory per corpus version.
/// </summary>
public sealed class PaperEmbeddingIndex(
    SqliteConnectionFactory database,
    IOptions<EmbeddingOptions> options,
    IEnumerable<IEmbeddingGenerator<string, Embedding<float>>> generators,
    TimeProvider time,
    ILogger<PaperEmbeddingIndex> logger) : IDenseRanker, IDisposable
{
    private DateTimeOffset? _failedAt;

    private readonly IEmbeddingGenerator<string, Embedding<float>>? _generator = generators.FirstOrDefault();
    private readonly SemaphoreSlim _embedding = new(1, 1);
    private readonly object _cacheLock = new();
    private long _embeddedVersion = -1;
    private (long Version, long[] Seqs, float[][] Vectors)? _cache;

    public bool Enabled => options.Value.Enabled && _generator is not null;

    /// <summary>False while the service is cooling down after a failure: questions then go without embeddings.</summary>
    public bool Available => Enabled && (_failedAt is not { } failed || time.GetUtcNow() - failed >= TimeSpan.FromSeconds(options.Value.FailureCooldownSeconds));

    /// <summary>Records a failure of the service, so questions stop waiting on it for the cooldown.</summary>
    public void ReportFailure(Exception error)
    {
        _failedAt = time.GetUtcNow();
        logger.LogWarning(error, "The embedding service failed; answering without embeddings for {Seconds} s.", options.Value.FailureCooldownSeconds);
    }

    private string Model => options.Value.Model ?? "";

    /// <summary>Embeds every paper that has no embedding for the configured model, or whose text changed since. Returns how many.</summary>
    public async Task<int> EmbedMissingAsync(CancellationToken cancellationToken = default)
    {
        if (!Enabled)
        {
            return 0;
        }
        await _embedding.WaitAsync(cancellationToken);
        try
        {
            var done = 0;
            while (true)
            {
                var batch = Missing(options.Value.BatchSize);
                if (batch.Count == 0)
                {
                    break;
                }
                var vectors = await _generator!.GenerateAsync(batch.Select(b => b.Text), cancellationToken: cancellationToken);
                Store(batch, vectors);
                done += batch.Count;
            }
            if (done > 0)
            {
                logger.LogInformation("Embedded {Count} papers with {Model}.", done, Model);
            }
            using var connection = database.Open();
            _embeddedVersion = VersionOf(connection);
            return done;
        }
        finally
        {
            _embedding.Release();
        }
    }

    /// <summary>Embeds what an ingest added, at most once per corpus version, so questions never wait on an up-to-date corpus.</summary>
    public async Task EnsureEmbeddedAsync(CancellationToken cancellationToken = default)
    {
        if (!Enabled)
        {
            return;
        }
        using (var connection = database.Open())
        {
            if (VersionOf(connection) == _embeddedVersion)
            {
                return;
            }
        }
        await EmbedMissingAsync(cancellationToken);
    }

    public async Task<QueryEmbedding?> EmbedQueryAsync(string question, CancellationToken cancellationToken = default)
    {
        if (!Enabled)
        {
            return null;
        }
        var result = await _generator!.GenerateAsync([question], cancellationToken: cancellationToken);
        return new QueryEmbedding(Model, result[0].Vector.ToArray());
    }

    public IReadOnlyList<(long Seq, double Similarity)> Rank(SqliteConnection connection, QueryEmbedding query, int depth)
    {
        if (query.Model != Model)
        {
            return [];
        }
        var (_, seqs, vectors) = Vectors(connection);
        var q = Normalised(query.Vector);
        var scored = new List<(long, double)>(seqs.Length);
        for (var i = 0; i < seqs.Length; i++)
        {
            if (vectors[i].Length != q.Length)
            {
                continue;
            }
            double dot = 0;
            for (var j = 0; j < q.Length; j++)
            {
                dot += q[j] * vectors[i][j];
            }
            scored.Add((seqs[i], dot));
        }
        return scored.OrderByDescending(s => s.Item2).Take(depth).ToList();
    }

    public void Dispose() => _embedding.Dispose();

    public int CountStored()
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM paper_embeddings WHERE model = $model";
        cmd.Parameters.AddWithValue("$model", Model);
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private (long Version, long[] Seqs, float[][] Vectors) Vectors(SqliteConnection connection)
    {
        var version = VersionOf(connection);
        lock (_cacheLock)
        {
            if (_cache is { } cached && cached.Version == version)
            {
                return cached;
            }
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT p.seq, e.vector FROM paper_embeddings e JOIN papers p ON p.id = e.paper_id AND p.content_hash = e.content_hash WHERE e.model = $model";
            cmd.Parameters.AddWithValue("$model", Model);
            using var reader = cmd.ExecuteReader();
            var seqs = new List<long>();
            var vectors = new List<float[]>();
            while (reader.Read())
            {
                seqs.Add(reader.GetInt64(0));
                vectors.Add(Normalised(MemoryMarshal.Cast<byte, float>((byte[])reader.GetValue(1)).ToArray()));
            }
            _cache = (version, seqs.ToArray(), vectors.ToArray());
            return _cache.Value;
        }
    }

    /// <summary>Changes with every ingest and every stored embedding.</summary>
    private static long VersionOf(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT (SELECT IFNULL(MAX(id), 0) FROM ingest_runs) * 1000003 + (SELECT COUNT(*) FROM paper_embeddings) * 7 + (SELECT IFNULL(MAX(seq), 0) FROM papers)";
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed record Pending(string Id, string Hash, string Text);

    private List<Pending> Missing(int limit)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT p.id, p.content_hash, p.title, p.abstract FROM papers p
            LEFT JOIN paper_embeddings e ON e.paper_id = p.id AND e.model = $model
            WHERE e.paper_id IS NULL OR e.content_hash <> p.content_hash
            ORDER BY p.seq LIMIT $limit
            """;
        cmd.Parameters.AddWithValue("$model", Model);
        cmd.Parameters.AddWithValue("$limit", limit);
        using var reader = cmd.ExecuteReader();
        var result = new List<Pending>();
        while (reader.Read())
        {
            result.Add(new Pending(reader.GetString(0), reader.GetString(1), reader.GetString(2) + "\n\n" + reader.GetString(3)));
        }
        return result;
    }

    private void Store(IReadOnlyList<Pending> batch, GeneratedEmbeddings<Embedding<float>> vectors)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO paper_embeddings(paper_id, model, content_hash, dimensions, vector) VALUES ($id, $model, $hash, $dims, $vector)
            ON CONFLICT(paper_id, model) DO UPDATE SET content_hash = excluded.content_hash, dimensions = excluded.dimensions, vector = excluded.vector
            """;
        var id = cmd.Parameters.Add("$id", SqliteType.Text);
        cmd.Parameters.AddWithValue("$model", Model);
        var hash = cmd.Parameters.Add("$hash", SqliteType.Text);
        var dims = cmd.Parameters.Add("$dims", SqliteType.Integer);
        var blob = cmd.Parameters.Add("$vector", SqliteType.Blob);
        for (var i = 0; i < batch.Count; i++)
        {
            var vector = vectors[i].Vector.ToArray();
            id.Value = batch[i].Id;
            hash.Value = batch[i].Hash;
            dims.Value = vector.Length;
            blob.Value = MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    private static float[] Normalised(float[] vector)
    {
        double norm = 0;
        foreach (var x in vector)
        {
            norm += x * x;
        }
        norm = Math.Sqrt(norm);
        return norm == 0 ? vector : vector.Select(x => (float)(x / norm)).ToArray();
    }
}
