using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Storage;

namespace PaperBot.Core.Embeddings;

/// <summary>
/// Paper embeddings stored in SQLite beside the papers, one row per paper and model holding the vectors of all its
/// passages (a paper scores by its best passage). A paper is embedded once, and again only when its content hash
/// changes. Embedding runs in <c>seq</c> order and commits paper by batch, so a stopped run resumes where it
/// stopped; ranking uses the vectors that exist. Questions never wait for a whole corpus: the CLI embeds with
/// progress before it answers, the server in the background (<see cref="EmbedMissingAsync"/>). Replicas sharing
/// PostgreSQL embed each paper once between them: a paper's vectors are copied from the shared store when another
/// replica stored them, and embedded here only when this replica claims it (<see cref="ISharedEmbeddingStore"/>).
/// </summary>
public sealed class PaperEmbeddingIndex(
    SqliteConnectionFactory database,
    IOptions<EmbeddingOptions> options,
    IEnumerable<IEmbeddingGenerator<string, Embedding<float>>> generators,
    ISharedEmbeddingStore shared,
    TimeProvider time,
    ILogger<PaperEmbeddingIndex> logger) : IDenseRanker, IDisposable
{
    // Papers read and committed together: small enough that a stopped run loses little, large enough to fill batches.
    private const int PapersPerRound = 128;

    private static readonly EmbeddingGenerationOptions QueryOptions = new() { AdditionalProperties = new() { [EmbeddingInput.Kind] = EmbeddingInput.Query } };

    private readonly IEmbeddingGenerator<string, Embedding<float>>? _generator = generators.FirstOrDefault();
    private readonly SemaphoreSlim _embedding = new(1, 1);
    private readonly object _cacheLock = new();
    private DateTimeOffset? _failedAt;
    private string? _lastFailure;
    private VectorsVersion? _embeddedVersion;
    private VectorsVersion? _backlogVersion;
    private VectorSet? _cache;
    private EmbeddingWindow? _window;
    private bool _windowRead;

    /// <summary>Set when the shared store failed during this pass: the rest of the pass does not wait on it again.</summary>
    private bool _sharedOutOfReach;

    public bool Enabled => options.Value.Enabled && _generator is not null;

    /// <summary>False while the model or service is cooling down after a failure: questions then go without embeddings.</summary>
    public bool Available => Enabled && (_failedAt is not { } failed || time.GetUtcNow() - failed >= TimeSpan.FromSeconds(options.Value.FailureCooldownSeconds));

    /// <summary>
    /// Records a failure, so questions stop waiting on it for the cooldown. One line, without a stack trace, and only
    /// when the failure is new: a damaged model file fails the same way on every retry.
    /// </summary>
    public void ReportFailure(Exception error)
    {
        _failedAt = time.GetUtcNow();
        var message = $"{error.GetType().Name}: {error.Message}".ReplaceLineEndings(" ");
        if (message != _lastFailure)
        {
            _lastFailure = message;
            logger.LogWarning("Embeddings ({Model}) failed, so ranking and abstention use keywords, acronyms and corpus vectors only (retried after {Seconds} s): {Error}",
                ModelKey, options.Value.FailureCooldownSeconds, message);
        }
    }

    /// <summary>The name vectors are stored under: the model, and the passage window when papers are cut into passages.</summary>
    public string ModelKey => Window is { } window ? $"{options.Value.StorageModel}/passages-{window.MaxTokens}" : options.Value.StorageModel;

    private EmbeddingWindow? Window
    {
        get
        {
            if (!_windowRead && _generator is not null)
            {
                _window = _generator.GetService(typeof(EmbeddingWindow)) as EmbeddingWindow;
                _windowRead = true;
            }
            return _window;
        }
    }

    /// <summary>
    /// Embeds every paper that has no vectors for the model, or whose text changed since, in <c>seq</c> order,
    /// reporting progress. Returns how many. Safe to stop at any point: what was committed stays.
    /// </summary>
    public async Task<int> EmbedMissingAsync(IProgress<EmbeddingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!Enabled)
        {
            return 0;
        }
        await _embedding.WaitAsync(cancellationToken);
        try
        {
            var total = CountMissing();
            var done = 0;
            var embedded = 0;
            var elsewhere = new List<Pending>();
            _sharedOutOfReach = false;
            long after = -1;
            progress?.Report(new EmbeddingProgress(0, total, ModelKey));
            while (true)
            {
                var batch = Missing(after, PapersPerRound);
                if (batch.Count == 0)
                {
                    break;
                }
                after = batch[^1].Seq;
                var (copied, mine, others) = Divide(batch);
                elsewhere.AddRange(others);
                if (mine.Count > 0)
                {
                    (float[] Vectors, int Dimensions)[] vectors;
                    try
                    {
                        using var held = KeepClaimed(mine);
                        vectors = await EmbedPapersAsync(mine, cancellationToken);
                    }
                    catch
                    {
                        ReleaseClaims(mine);
                        throw;
                    }
                    Store(mine, vectors);
                    Share(mine, vectors);
                    embedded += mine.Count;
                }
                done += copied + mine.Count;
                progress?.Report(new EmbeddingProgress(done, Math.Max(total, done), ModelKey, done - embedded));
            }
            if (elsewhere.Count > 0)
            {
                // Papers other replicas were embedding when this pass reached them: most are stored by now.
                var late = Divide(elsewhere, claim: false).Copied;
                done += late;
                if (late > 0)
                {
                    progress?.Report(new EmbeddingProgress(done, Math.Max(total, done), ModelKey, done - embedded));
                }
                if (elsewhere.Count > late)
                {
                    logger.LogInformation("{Count} papers are being embedded by other replicas; their vectors are copied at a later pass.", elsewhere.Count - late);
                }
            }
            if (embedded > 0)
            {
                logger.LogInformation("Embedded {Count} papers with {Model}.", embedded, ModelKey);
            }
            if (done > embedded)
            {
                logger.LogInformation("Copied the vectors of {Count} papers other replicas embedded with {Model}.", done - embedded, ModelKey);
            }
            using var connection = database.Open();
            _embeddedVersion = VectorsVersion.Read(connection);
            return done;
        }
        finally
        {
            _embedding.Release();
        }
    }

    /// <summary>
    /// Removes vectors nothing reads, once this model covers every paper (run by the server's embedding job after a
    /// pass): in this index, the vectors of other models, which ranking never reads (a changed paper's row is replaced
    /// when it is embedded again, and a removed paper's goes with it); in the shared store, what
    /// <see cref="ISharedEmbeddingStore.RemoveStale"/> finds stale against this index's papers. Returns how many rows went.
    /// </summary>
    public (int Local, int Shared) RemoveStale()
    {
        if (!Enabled || CountMissing() > 0)
        {
            return (0, 0);
        }
        int local;
        var hashes = new List<string>();
        using (var connection = database.Open())
        {
            using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM paper_embeddings WHERE model <> $model";
            delete.Parameters.AddWithValue("$model", ModelKey);
            local = delete.ExecuteNonQuery();
            if (shared.IsShared)
            {
                using var read = connection.CreateCommand();
                // The record hash too: replicas before schema 13 stored vectors under it, and a replica started with an
                // empty index copies those (see Divide) rather than embedding the paper again.
                read.CommandText = "SELECT text_hash, content_hash FROM papers";
                using var reader = read.ExecuteReader();
                while (reader.Read())
                {
                    hashes.Add(reader.GetString(0));
                    hashes.Add(reader.GetString(1));
                }
            }
        }
        var removed = 0;
        if (shared.IsShared)
        {
            try
            {
                removed = shared.RemoveStale(ModelKey, hashes);
            }
            catch (Exception e) when (IsSharedStoreFailure(e))
            {
                logger.LogWarning("Could not remove stale shared vectors ({Reason}); the next sweep tries again.", e.Message);
            }
        }
        if (local + removed > 0)
        {
            logger.LogInformation("Removed stale vectors: {Local} of other models in this index, {Shared} in the shared store.", local, removed);
        }
        return (local, removed);
    }

    /// <summary>
    /// Before a question: embeds what an ingest just added when it is a batch or less, so a question about a new paper
    /// finds it; a larger backlog is left to the CLI's embedding step or the server's background job, and the question
    /// is ranked with the vectors that exist.
    /// </summary>
    public async Task EnsureEmbeddedAsync(CancellationToken cancellationToken = default)
    {
        if (!Enabled)
        {
            return;
        }
        VectorsVersion version;
        using (var connection = database.Open())
        {
            version = VectorsVersion.Read(connection);
            if (version == _embeddedVersion || version == _backlogVersion)
            {
                return;
            }
        }
        if (_embedding.CurrentCount == 0)
        {
            return;
        }
        if (CountMissing() > options.Value.BatchSize)
        {
            // Counting the backlog joins every paper (a second at a million); until the corpus or its vectors change,
            // the answer stays the same.
            _backlogVersion = version;
            return;
        }
        await EmbedMissingAsync(null, cancellationToken);
    }

    /// <summary>Loads the model (the first embedding pays for it) so the first question does not; a failure is reported, not thrown.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        if (!Available)
        {
            return;
        }
        try
        {
            await EmbedQueryAsync("warm up", cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            ReportFailure(e);
        }
    }

    public Task<QueryEmbedding?> EmbedQueryAsync(string question, CancellationToken cancellationToken = default) =>
        EmbedQueryAsync(question, null, cancellationToken);

    /// <param name="asWritten">The question as written, when <paramref name="question"/> is a rewording for the ranking
    /// (<see cref="QueryEmbedding.AsWritten"/>); both are embedded in one call.</param>
    public async Task<QueryEmbedding?> EmbedQueryAsync(string question, string? asWritten, CancellationToken cancellationToken = default)
    {
        if (!Enabled)
        {
            return null;
        }
        if (asWritten is not null && asWritten != question)
        {
            var both = await _generator!.GenerateAsync([question, asWritten], QueryOptions, cancellationToken);
            return new QueryEmbedding(ModelKey, Normalised(both[0].Vector.ToArray())) { AsWritten = Normalised(both[1].Vector.ToArray()) };
        }
        var result = await _generator!.GenerateAsync([question], QueryOptions, cancellationToken);
        return new QueryEmbedding(ModelKey, Normalised(result[0].Vector.ToArray()));
    }

    public DenseRanking Rank(SqliteConnection connection, QueryEmbedding query, int depth, IReadOnlyCollection<long> candidates)
    {
        if (query.Model != ModelKey)
        {
            return DenseRanking.None;
        }
        if (MaxSeqOf(connection) > options.Value.InMemoryPaperLimit)
        {
            return RankCandidates(connection, query, depth, candidates);
        }
        var set = Vectors(connection);
        var best = new double[set.Seqs.Length];
        var q = query.Vector.AsSpan();
        for (var i = 0; i < set.Seqs.Length; i++)
        {
            best[i] = BestPassage(q, set.Vectors.AsSpan(set.Starts[i], set.Starts[i + 1] - set.Starts[i]));
        }
        var hits = Enumerable.Range(0, set.Seqs.Length)
            .OrderByDescending(i => best[i]).ThenBy(i => set.Seqs[i])
            .Take(depth)
            .Select(i => (set.Seqs[i], best[i]))
            .ToList();
        return new DenseRanking(hits, set.Seqs.Length >= set.Papers) { MeanSimilarity = best.Length > 0 ? best.Average() : null };
    }

    /// <summary>Highest cosine between the (unit) question and any of a paper's (unit) passage vectors.</summary>
    private static double BestPassage(ReadOnlySpan<float> q, ReadOnlySpan<float> passages)
    {
        var best = double.NegativeInfinity;
        for (var start = 0; start + q.Length <= passages.Length; start += q.Length)
        {
            best = Math.Max(best, TensorPrimitives.Dot(q, passages.Slice(start, q.Length)));
        }
        return best;
    }

    /// <summary>A large corpus: the candidates' stored vectors are read by seq and scored; papers without vectors keep their other rankings.</summary>
    private DenseRanking RankCandidates(SqliteConnection connection, QueryEmbedding query, int depth, IReadOnlyCollection<long> candidates)
    {
        if (candidates.Count == 0)
        {
            return new DenseRanking([], false);
        }
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"""
            SELECT p.seq, e.vector FROM papers p
            JOIN paper_embeddings e ON e.paper_id = p.id AND e.model = $model AND e.content_hash = p.text_hash
            WHERE p.seq IN ({string.Join(",", candidates)})
            """;
        cmd.Parameters.AddWithValue("$model", ModelKey);
        using var reader = cmd.ExecuteReader();
        var hits = new List<(long, double)>();
        while (reader.Read())
        {
            var vector = MemoryMarshal.Cast<byte, float>((byte[])reader.GetValue(1));
            hits.Add((reader.GetInt64(0), BestPassage(query.Vector, vector)));
        }
        return new DenseRanking(hits.OrderByDescending(h => h.Item2).Take(depth).ToList(), false);
    }

    public void Dispose() => _embedding.Dispose();

    public int CountStored()
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM paper_embeddings WHERE model = $model";
        cmd.Parameters.AddWithValue("$model", ModelKey);
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Papers with no current vectors for the model.</summary>
    public int CountMissing()
    {
        using var connection = database.Open();
        // Read before counting: a paper added meanwhile makes the version newer, so it is counted by the next question.
        var version = VectorsVersion.Read(connection);
        using var cmd = connection.CreateCommand();
        // Named indexes (migration 12): the join then reads two narrow indexes, never the vector rows, whatever the
        // planner's statistics say.
        cmd.CommandText = """
            SELECT COUNT(*) FROM papers p INDEXED BY papers_id_text_hash
            LEFT JOIN paper_embeddings e INDEXED BY paper_embeddings_hash ON e.paper_id = p.id AND e.model = $model
            WHERE e.paper_id IS NULL OR e.content_hash <> p.text_hash
            """;
        cmd.Parameters.AddWithValue("$model", ModelKey);
        var missing = Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (missing == 0)
        {
            // Nothing to embed at this version, so the question that follows (EnsureEmbeddedAsync) need not count again.
            _embeddedVersion = version;
        }
        return missing;
    }

    /// <summary>Every stored vector of the model, flattened: paper i's passages are Vectors[Starts[i]..Starts[i + 1]].</summary>
    private sealed record VectorSet(VectorsVersion Version, long[] Seqs, int[] Starts, float[] Vectors, long Papers);

    private VectorSet Vectors(SqliteConnection connection)
    {
        var version = VectorsVersion.Read(connection);
        lock (_cacheLock)
        {
            if (_cache is { } cached && cached.Version == version)
            {
                return cached;
            }
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT p.seq, e.vector FROM paper_embeddings e JOIN papers p ON p.id = e.paper_id AND p.text_hash = e.content_hash WHERE e.model = $model ORDER BY p.seq";
            cmd.Parameters.AddWithValue("$model", ModelKey);
            using var reader = cmd.ExecuteReader();
            var seqs = new List<long>();
            var starts = new List<int> { 0 };
            var vectors = new List<float>();
            while (reader.Read())
            {
                seqs.Add(reader.GetInt64(0));
                vectors.AddRange(MemoryMarshal.Cast<byte, float>((byte[])reader.GetValue(1)));
                starts.Add(vectors.Count);
            }
            reader.Close();
            _cache = new VectorSet(version, [.. seqs], [.. starts], [.. vectors], database.PaperCount.Of(connection));
            return _cache;
        }
    }

    /// <summary>
    /// What the stored vectors were read at: it changes with every ingest (<see cref="CorpusVersion"/>) and every stored
    /// embedding (the newest row: MAX(rowid) rather than COUNT, so no scan at a million rows).
    /// </summary>
    private readonly record struct VectorsVersion(CorpusVersion Corpus, long LastEmbedding)
    {
        public static VectorsVersion Read(SqliteConnection connection)
        {
            var corpus = CorpusVersion.Read(connection);
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT IFNULL(MAX(rowid), 0) FROM paper_embeddings";
            return new VectorsVersion(corpus, Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The corpus size as far as choosing the ranking mode goes (an index look-up, not a count).</summary>
    private static long MaxSeqOf(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT IFNULL(MAX(seq), 0) FROM papers";
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A paper without current vectors: <paramref name="Hash"/> keys its vectors (the hash of the embedded text);
    /// <paramref name="RecordHash"/> is the whole-record hash that keyed them before schema 13 (see <see cref="Divide"/>).</summary>
    private sealed record Pending(long Seq, string Id, string Hash, string RecordHash, string Title, string Abstract);

    private List<Pending> Missing(long afterSeq, int limit)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT p.seq, p.id, p.text_hash, p.content_hash, p.title, p.abstract FROM papers p
            LEFT JOIN paper_embeddings e ON e.paper_id = p.id AND e.model = $model
            WHERE p.seq > $after AND (e.paper_id IS NULL OR e.content_hash <> p.text_hash)
            ORDER BY p.seq LIMIT $limit
            """;
        cmd.Parameters.AddWithValue("$model", ModelKey);
        cmd.Parameters.AddWithValue("$after", afterSeq);
        cmd.Parameters.AddWithValue("$limit", limit);
        using var reader = cmd.ExecuteReader();
        var result = new List<Pending>();
        while (reader.Read())
        {
            result.Add(new Pending(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        }
        return result;
    }

    /// <summary>Each paper's passages (or whole text, for a model without a window), embedded in batches of similar length.</summary>
    private async Task<(float[] Vectors, int Dimensions)[]> EmbedPapersAsync(IReadOnlyList<Pending> papers, CancellationToken cancellationToken)
    {
        var window = Window;
        var texts = new List<(int Paper, string Text)>();
        for (var i = 0; i < papers.Count; i++)
        {
            var passages = window is null ? [papers[i].Title + "\n\n" + papers[i].Abstract] : PassageSplitter.Split(papers[i].Title, papers[i].Abstract, window);
            texts.AddRange(passages.Select(p => (i, p)));
        }
        // A batch is padded to its longest text: similar lengths together waste the least.
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Text.Length).ToList();
        var vectors = new float[texts.Count][];
        foreach (var chunk in order.Chunk(options.Value.BatchSize))
        {
            var generated = await _generator!.GenerateAsync(chunk.Select(i => texts[i].Text), cancellationToken: cancellationToken);
            if (generated.Count != chunk.Length)
            {
                throw new InvalidDataException($"Asked for {chunk.Length} embeddings, got {generated.Count}.");
            }
            for (var j = 0; j < chunk.Length; j++)
            {
                vectors[chunk[j]] = Normalised(generated[j].Vector.ToArray());
            }
        }
        var byPaper = Enumerable.Range(0, texts.Count).ToLookup(i => texts[i].Paper);
        return Enumerable.Range(0, papers.Count)
            .Select(p => (byPaper[p].SelectMany(i => vectors[i]).ToArray(), vectors[byPaper[p].First()].Length))
            .ToArray();
    }

    private void Store(IReadOnlyList<Pending> batch, (float[] Vectors, int Dimensions)[] vectors)
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
        cmd.Parameters.AddWithValue("$model", ModelKey);
        var hash = cmd.Parameters.Add("$hash", SqliteType.Text);
        var dims = cmd.Parameters.Add("$dims", SqliteType.Integer);
        var blob = cmd.Parameters.Add("$vector", SqliteType.Blob);
        for (var i = 0; i < batch.Count; i++)
        {
            id.Value = batch[i].Id;
            hash.Value = batch[i].Hash;
            // The dimensions of one vector; the blob holds one per passage.
            dims.Value = vectors[i].Dimensions;
            blob.Value = MemoryMarshal.AsBytes(vectors[i].Vectors.AsSpan()).ToArray();
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    /// <summary>
    /// A round of papers, seen from the shared store: those whose vectors another replica stored (copied into this
    /// index now; their number returned), those this replica claimed (to embed), and those another replica is
    /// embedding right now (left for later). With the shared database out of reach, every paper is this replica's to
    /// embed: answering must not wait for PostgreSQL, and embedding twice costs only time.
    /// </summary>
    private (int Copied, List<Pending> Mine, List<Pending> Others) Divide(IReadOnlyList<Pending> batch, bool claim = true)
    {
        if (!shared.IsShared || _sharedOutOfReach)
        {
            return (0, [.. batch], []);
        }
        try
        {
            var found = shared.Find(ModelKey, batch.Select(p => p.Hash).ToList()).ToDictionary(v => v.ContentHash, StringComparer.Ordinal);
            var copied = batch.Where(p => found.ContainsKey(p.Hash)).ToList();
            if (copied.Count > 0)
            {
                Store(copied, copied.Select(p => (found[p.Hash].Vectors, found[p.Hash].Dimensions)).ToArray());
            }
            var rest = batch.Where(p => !found.ContainsKey(p.Hash)).ToList();
            var legacy = CopyLegacy(rest);
            rest = rest.Where(p => !legacy.Contains(p)).ToList();
            if (!claim)
            {
                return (copied.Count + legacy.Count, [], rest);
            }
            var claimed = shared.Claim(ModelKey, rest.Select(p => (p.Hash, p.Id)).ToList());
            return (copied.Count + legacy.Count, rest.Where(p => claimed.Contains(p.Hash)).ToList(), rest.Where(p => !claimed.Contains(p.Hash)).ToList());
        }
        catch (Exception e) when (IsSharedStoreFailure(e))
        {
            logger.LogWarning("The shared embeddings cannot be reached ({Reason}); this pass embeds its papers here and keeps them in this index.", e.Message);
            _sharedOutOfReach = true;
            var all = batch.ToList();
            return claim ? (0, all, new List<Pending>()) : (0, new List<Pending>(), all);
        }
    }

    /// <summary>
    /// Papers whose vectors a replica before schema 13 stored under the whole-record hash (the same paper as it is now,
    /// so the same text): copied into this index and stored again under the text hash, so a replica started with an
    /// empty index after an upgrade embeds nothing the others already had.
    /// </summary>
    private HashSet<Pending> CopyLegacy(IReadOnlyList<Pending> papers)
    {
        if (papers.Count == 0)
        {
            return [];
        }
        var found = shared.Find(ModelKey, papers.Select(p => p.RecordHash).ToList()).ToDictionary(v => v.ContentHash, StringComparer.Ordinal);
        var copied = papers.Where(p => found.ContainsKey(p.RecordHash)).ToList();
        if (copied.Count > 0)
        {
            var vectors = copied.Select(p => (found[p.RecordHash].Vectors, found[p.RecordHash].Dimensions)).ToArray();
            Store(copied, vectors);
            Share(copied, vectors);
        }
        return [.. copied];
    }

    /// <summary>Offers what this replica embedded to the others; kept locally whatever happens to the offer.</summary>
    private void Share(IReadOnlyList<Pending> papers, (float[] Vectors, int Dimensions)[] vectors)
    {
        if (!shared.IsShared || _sharedOutOfReach)
        {
            return;
        }
        try
        {
            shared.Store(ModelKey, papers.Select((p, i) => new SharedPaperVectors(p.Hash, p.Id, vectors[i].Dimensions, vectors[i].Vectors)).ToList());
        }
        catch (Exception e) when (IsSharedStoreFailure(e))
        {
            logger.LogWarning("Could not share the vectors of {Count} papers ({Reason}); other replicas will embed them themselves.", papers.Count, e.Message);
            _sharedOutOfReach = true;
        }
    }

    /// <summary>Renews this round's claims while a slow model or service embeds them; nothing when nothing is shared.</summary>
    private IDisposable? KeepClaimed(IReadOnlyList<Pending> papers) =>
        shared.IsShared && !_sharedOutOfReach ? shared.KeepClaimed(ModelKey, papers.Select(p => p.Hash).ToList()) : null;

    private void ReleaseClaims(IReadOnlyList<Pending> papers)
    {
        if (!shared.IsShared || _sharedOutOfReach)
        {
            return;
        }
        try
        {
            shared.Release(ModelKey, papers.Select(p => p.Hash).ToList());
        }
        catch (Exception e) when (IsSharedStoreFailure(e))
        {
            // The claims run out with their lease instead.
            logger.LogDebug("Could not release embedding claims: {Reason}", e.Message);
        }
    }

    private static bool IsSharedStoreFailure(Exception e) => e is System.Data.Common.DbException or TimeoutException or IOException;

    private static float[] Normalised(float[] vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
        return vector;
    }
}
