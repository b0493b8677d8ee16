using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PaperBot.Core.Embeddings;
using PaperBot.Core.Ingest;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Storage;
using PaperBot.Host.Embeddings;
using PaperBot.Tests.Digest;
using PaperBot.Tests.Retrieval;

namespace PaperBot.Tests.Storage;

/// <summary>
/// Replicas sharing PostgreSQL embed each paper once between them: whichever claims a paper embeds it, the others copy
/// its vectors into their own index and rank with them. The embedding service is a loopback OpenAI-compatible server
/// that records every text it embeds, so "embedded once" is counted where the cost is.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SharedEmbeddingsTests(PostgresClusterFixture cluster) : IAsyncLifetime
{
    private static readonly string[] ThreeTopics = ["speculative decoding with a draft model", "reward model overoptimisation", "sparse attention kernels"];

    private FakeEmbeddingServer _embeddings = null!;

    public async Task InitializeAsync() =>
        _embeddings = await FakeEmbeddingServer.StartAsync([["speculative decoding", "draft model"], ["reward model", "preference"]]);

    public async Task DisposeAsync() => await _embeddings.DisposeAsync();

    [PostgresFact]
    public async Task Two_replicas_embedding_at_once_embed_each_paper_once_and_a_later_replica_copies_them_and_ranks_the_same()
    {
        var database = cluster.Server.CreateDatabase();
        using var a = Replica(database);
        using var b = Replica(database);
        a.Get<CorpusBootstrapper>().EnsureIngested();
        b.Get<CorpusBootstrapper>().EnsureIngested();
        var papers = a.Get<PaperStore>().CountPapers();

        await Task.WhenAll(Task.Run(() => a.Get<PaperEmbeddingIndex>().EmbedMissingAsync()), Task.Run(() => b.Get<PaperEmbeddingIndex>().EmbedMissingAsync()));
        // A paper the other replica was still embedding when one reached it is copied at its next pass.
        await a.Get<PaperEmbeddingIndex>().EmbedMissingAsync();
        await b.Get<PaperEmbeddingIndex>().EmbedMissingAsync();

        Assert.Equal(papers, _embeddings.Inputs.Count); // each paper embedded once, by one of the two
        Assert.Equal(papers, _embeddings.Inputs.Distinct().Count());
        Assert.Equal(0, a.Get<PaperEmbeddingIndex>().CountMissing());
        Assert.Equal(0, b.Get<PaperEmbeddingIndex>().CountMissing());
        Assert.Equal(papers, Count(database, "SELECT count(*) FROM paper_embeddings WHERE vectors IS NOT NULL"));

        using var c = Replica(database);
        c.Get<CorpusBootstrapper>().EnsureIngested();
        Assert.Equal(papers, await c.Get<PaperEmbeddingIndex>().EmbedMissingAsync());
        Assert.Equal(papers, _embeddings.Inputs.Count); // C embedded nothing: it copied every vector
        Assert.Equal(papers, c.Get<PaperEmbeddingIndex>().CountStored());

        foreach (var question in new[] { "which papers speed up generation with a draft model?", "how are reward models trained from human preference?" })
        {
            Assert.Equal(await DenseTop(a, question), await DenseTop(c, question));
        }
    }

    [PostgresFact]
    public async Task A_replica_started_after_an_upgrade_copies_vectors_stored_under_the_older_record_hash_instead_of_embedding()
    {
        var database = cluster.Server.CreateDatabase();
        using var a = Replica(database);
        var file = a.WriteFile("three.txt", string.Concat(ThreeTopics.Select(t => TestPaper.About(t, upvotes: 2).ToListing())));
        a.Get<IngestService>().Ingest([file]);
        Assert.Equal(3, await a.Get<PaperEmbeddingIndex>().EmbedMissingAsync());
        var model = a.Get<PaperEmbeddingIndex>().ModelKey;
        var texts = RecordAndTextHashes(a);
        // What a replica before schema 13 stored: the same vectors, under each paper's whole-record hash.
        Execute(database, "UPDATE paper_embeddings SET content_hash = CASE content_hash " +
            string.Concat(texts.Select(t => $"WHEN '{t.Text}' THEN '{t.Record}' ")) + "END");
        var sent = _embeddings.Inputs.Count;

        using var b = Replica(database);
        b.Get<IngestService>().CatchUpShared();
        Assert.Equal(3, await b.Get<PaperEmbeddingIndex>().EmbedMissingAsync());

        Assert.Equal(sent, _embeddings.Inputs.Count); // copied, not embedded
        Assert.Equal(0, b.Get<PaperEmbeddingIndex>().CountMissing());
        // Stored again under the text hash, for the next replica; the older rows stay while a paper still has that record.
        Assert.Equal(6, Count(database, $"SELECT count(*) FROM paper_embeddings WHERE model = '{model}' AND vectors IS NOT NULL"));
    }

    [PostgresFact]
    public async Task A_paper_claimed_by_a_replica_that_died_is_embedded_by_another_once_the_claim_runs_out()
    {
        var database = cluster.Server.CreateDatabase();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 6, 0, 0, TimeSpan.Zero));
        using var dead = Replica(database, clock);
        using var live = Replica(database, clock);
        var file = dead.WriteFile("three.txt", string.Concat(ThreeTopics.Select(t => TestPaper.About(t).ToListing())));
        dead.Get<IngestService>().Ingest([file]);
        live.Get<IngestService>().CatchUpShared();
        var model = dead.Get<PaperEmbeddingIndex>().ModelKey;
        var pending = Pending(dead);
        // What a replica does just before it embeds: it claims the papers. Then it dies, and never stores or releases them.
        Assert.Equal(3, dead.Get<ISharedEmbeddingStore>().Claim(model, pending).Count);

        Assert.Equal(0, await live.Get<PaperEmbeddingIndex>().EmbedMissingAsync());
        Assert.Empty(_embeddings.Inputs); // held by the dead replica's claim: not embedded twice while it may still be working
        Assert.Equal(3, live.Get<PaperEmbeddingIndex>().CountMissing());

        clock.Advance(TimeSpan.FromSeconds(new SharedStorageOptions().EmbeddingLeaseSeconds + 1));
        Assert.Equal(3, await live.Get<PaperEmbeddingIndex>().EmbedMissingAsync());
        Assert.Equal(3, _embeddings.Inputs.Count);
        Assert.Equal(0, live.Get<PaperEmbeddingIndex>().CountMissing());
        Assert.Equal(3, Count(database, "SELECT count(*) FROM paper_embeddings WHERE vectors IS NOT NULL AND claimed_by IS NULL"));
    }

    [PostgresFact]
    public void Claims_kept_while_a_slow_service_embeds_are_not_taken_over_and_are_once_renewal_stops()
    {
        var database = cluster.Server.CreateDatabase();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 6, 0, 0, TimeSpan.Zero));
        using var slow = Replica(database, clock);
        using var other = Replica(database, clock);
        (string, string)[] papers = [("hash-1", "p1"), ("hash-2", "p2")];
        var lease = TimeSpan.FromSeconds(new SharedStorageOptions().EmbeddingLeaseSeconds);
        Assert.Equal(2, slow.Get<ISharedEmbeddingStore>().Claim("m", papers).Count);

        using (slow.Get<ISharedEmbeddingStore>().KeepClaimed("m", ["hash-1", "hash-2"]))
        {
            for (var step = 0; step < 4; step++)
            {
                clock.Advance(lease / 3); // four thirds of a lease in all: only the renewals keep them
                Assert.Empty(other.Get<ISharedEmbeddingStore>().Claim("m", papers));
            }
        }
        clock.Advance(lease + TimeSpan.FromSeconds(1));

        Assert.Equal(2, other.Get<ISharedEmbeddingStore>().Claim("m", papers).Count);
    }

    [PostgresFact]
    public async Task With_postgres_unreachable_a_replica_embeds_its_papers_itself()
    {
        var database = cluster.Server.CreateDatabase();
        using var a = Replica(database);
        var file = a.WriteFile("two.txt", TestPaper.About("speculative decoding with a draft model").ToListing() + TestPaper.About("reward model overoptimisation").ToListing());
        a.Get<IngestService>().Ingest([file]);
        var closed = new NpgsqlConnectionStringBuilder(cluster.Server.ConnectionString(database)) { Port = ClosedPort() }.ConnectionString;
        using var down = Replica(database, connectionString: closed);
        DatabaseBackup.Create(Path.Combine(a.Folder, "index.db"), Path.Combine(down.Folder, "index.db"));

        Assert.Equal(2, await down.Get<PaperEmbeddingIndex>().EmbedMissingAsync());
        Assert.Equal(2, _embeddings.Inputs.Count);
        Assert.Equal(0, down.Get<PaperEmbeddingIndex>().CountMissing());
        Assert.NotEmpty((await DenseTop(down, "which papers speed up generation with a draft model?")));
    }

    [PostgresFact]
    public async Task Vectors_of_a_papers_older_text_and_of_a_superseded_model_are_removed_once_stale_and_recent_ones_kept()
    {
        var database = cluster.Server.CreateDatabase();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 6, 0, 0, TimeSpan.Zero));
        using var a = Replica(database, clock);
        var papers = ThreeTopics.Select(t => TestPaper.About(t, upvotes: 3)).ToList();
        var file = a.WriteFile("three.txt", string.Concat(papers.Select(p => p.ToListing())));
        a.Get<IngestService>().Ingest([file]);
        var index = a.Get<PaperEmbeddingIndex>();
        await index.EmbedMissingAsync();
        var store = a.Get<ISharedEmbeddingStore>();
        store.Store("an-older-model", [new SharedPaperVectors("hash-of-old", "p-old", 2, [1f, 0f])]);
        var before = Pending(a).Select(p => p.ContentHash).ToHashSet(StringComparer.Ordinal);
        // The first paper's abstract changes (the hash of its embedded text with it): its vectors are embedded again, under the new hash.
        File.WriteAllText(file, string.Concat(papers.Select((p, i) => (i == 0 ? p with { Abstract = p.Abstract + " A revised version." } : p).ToListing())));
        a.Get<IngestService>().Ingest([file]);
        await index.EmbedMissingAsync();
        var current = Pending(a).Select(p => p.ContentHash).ToHashSet(StringComparer.Ordinal);
        var older = Assert.Single(before.Except(current));
        Assert.Equal(5, Count(database, "SELECT count(*) FROM paper_embeddings"));

        // Nothing is stale within the grace period: a replica a few listings behind may still copy the older text's vectors.
        Assert.Equal((0, 0), index.RemoveStale());
        clock.Advance(TimeSpan.FromHours(new SharedStorageOptions().StaleVectorHours + 1));
        // Stored just now by a replica a listing ahead of this one: kept, though no paper here has that text.
        store.Store(index.ModelKey, [new SharedPaperVectors("hash-of-newer", "p-new", 2, [0f, 1f])]);

        Assert.Equal((0, 2), index.RemoveStale());
        Assert.Equal(0, Count(database, $"SELECT count(*) FROM paper_embeddings WHERE content_hash = '{older}' OR model = 'an-older-model'"));
        Assert.Equal(4, Count(database, $"SELECT count(*) FROM paper_embeddings WHERE model = '{index.ModelKey}'"));
        Assert.Equal(3, Count(database, $"SELECT count(*) FROM paper_embeddings WHERE content_hash IN ('{string.Join("', '", current)}')"));
        Assert.Equal(0, index.CountMissing());
    }

    private PostgresReplica Replica(string database, TimeProvider? clock = null, string? connectionString = null) =>
        new(cluster.Server, database, connectionString, settings: new Dictionary<string, string?>
        {
            ["Embeddings:Provider"] = "OpenAI",
            ["Embeddings:Endpoint"] = _embeddings.BaseUrl,
            ["Embeddings:Model"] = "fake-embed-1",
            ["Embeddings:ApiKey"] = "test-key",
            ["Embeddings:BatchSize"] = "100",
        }, features: (services, configuration) =>
        {
            if (clock is not null)
            {
                services.AddSingleton(clock);
            }
            services.AddPaperBotEmbeddings(configuration);
        });

    private static List<(string Record, string Text)> RecordAndTextHashes(PostgresReplica replica)
    {
        using var connection = replica.Get<SqliteConnectionFactory>().Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT content_hash, text_hash FROM papers ORDER BY seq";
        using var reader = cmd.ExecuteReader();
        var papers = new List<(string, string)>();
        while (reader.Read())
        {
            papers.Add((reader.GetString(0), reader.GetString(1)));
        }
        return papers;
    }

    /// <summary>The replica's papers as the embedding index keys them: by the hash of the text it embeds.</summary>
    private static List<(string ContentHash, string PaperId)> Pending(PostgresReplica replica)
    {
        using var connection = replica.Get<SqliteConnectionFactory>().Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT text_hash, id FROM papers ORDER BY seq";
        using var reader = cmd.ExecuteReader();
        var papers = new List<(string, string)>();
        while (reader.Read())
        {
            papers.Add((reader.GetString(0), reader.GetString(1)));
        }
        return papers;
    }

    /// <summary>The dense ranking alone, as paper ids with their scores: seqs are each replica's own.</summary>
    private static async Task<List<string>> DenseTop(PostgresReplica replica, string question)
    {
        var index = replica.Get<PaperEmbeddingIndex>();
        var query = await index.EmbedQueryAsync(question);
        Assert.NotNull(query);
        using var connection = replica.Get<SqliteConnectionFactory>().Open();
        var ranking = index.Rank(connection, query, 10, []);
        var top = new List<string>();
        foreach (var (seq, score) in ranking.Hits)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT id FROM papers WHERE seq = $seq";
            cmd.Parameters.AddWithValue("$seq", seq);
            top.Add($"{cmd.ExecuteScalar()} {score:F6}");
        }
        return top;
    }

    private long Count(string database, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster.Server.ConnectionString(database)) { Password = cluster.Server.Password }.ConnectionString);
        connection.Open();
        using var cmd = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Execute(string database, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster.Server.ConnectionString(database)) { Password = cluster.Server.Password }.ConnectionString);
        connection.Open();
        using var cmd = new NpgsqlCommand(sql, connection);
        cmd.ExecuteNonQuery();
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
