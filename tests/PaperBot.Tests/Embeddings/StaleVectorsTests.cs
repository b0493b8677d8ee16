using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core;
using PaperBot.Core.Embeddings;
using PaperBot.Core.Ingest;
using PaperBot.Core.Storage;
using PaperBot.Host;
using PaperBot.Tests.Digest;

namespace PaperBot.Tests.Retrieval;

/// <summary>
/// A bot on its own SQLite file keeps one row of vectors per paper and model: a changed paper's row is replaced when
/// it is embedded again and a removed paper's goes with it, and another model's rows, which ranking never reads, go
/// once the configured model covers every paper. The embedding service is a loopback OpenAI-compatible server.
/// </summary>
public sealed class StaleVectorsTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "paperbot-stale-" + Guid.NewGuid().ToString("N"));
    private FakeEmbeddingServer _server = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _server = await FakeEmbeddingServer.StartAsync([["speculative decoding"]]);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left behind in temp: harmless.
        }
    }

    [Fact]
    public async Task Another_models_vectors_are_removed_once_the_configured_model_covers_every_paper()
    {
        using var services = Services();
        var ingest = services.GetRequiredService<IngestService>();
        var index = services.GetRequiredService<PaperEmbeddingIndex>();
        ingest.Ingest([Write("two.txt", TestPaper.About("speculative decoding").ToListing() + TestPaper.About("reward models").ToListing())]);
        await index.EmbedMissingAsync();
        // What a bot that ran another model before holds: that model's vectors of the same papers.
        Execute(services, """
            INSERT INTO paper_embeddings(paper_id, model, content_hash, dimensions, vector)
            SELECT paper_id, 'local/all-MiniLM-L6-v2', content_hash, dimensions, vector FROM paper_embeddings
            """);
        ingest.Ingest([Write("one.txt", TestPaper.About("sparse attention").ToListing())]);

        // A paper still without vectors of the configured model: nothing is removed yet.
        Assert.Equal((0, 0), index.RemoveStale());
        Assert.Equal(2, Count(services, "SELECT count(*) FROM paper_embeddings WHERE model = 'local/all-MiniLM-L6-v2'"));
        await index.EmbedMissingAsync();

        Assert.Equal((2, 0), index.RemoveStale());
        Assert.Equal(0, Count(services, "SELECT count(*) FROM paper_embeddings WHERE model = 'local/all-MiniLM-L6-v2'"));
        Assert.Equal(3, Count(services, $"SELECT count(*) FROM paper_embeddings WHERE model = '{index.ModelKey}'"));
        Assert.Equal(0, index.CountMissing());
    }

    [Fact]
    public async Task A_listing_whose_upvotes_changed_is_not_embedded_again_and_one_whose_abstract_changed_is()
    {
        using var services = Services();
        var ingest = services.GetRequiredService<IngestService>();
        var index = services.GetRequiredService<PaperEmbeddingIndex>();
        var papers = new[] { TestPaper.About("speculative decoding", upvotes: 3), TestPaper.About("reward models", upvotes: 5) };
        ingest.Ingest([Write("daily.txt", string.Concat(papers.Select(p => p.ToListing())))]);
        Assert.Equal(2, await index.EmbedMissingAsync());
        var sent = _server.Inputs.Count;

        // The digest re-ingests the day's listing: only the upvotes moved.
        ingest.Ingest([Write("daily.txt", string.Concat(papers.Select(p => (p with { Upvotes = p.Upvotes + 40 }).ToListing())))]);

        Assert.Equal(2, Count(services, "SELECT count(*) FROM papers WHERE upvotes IN (43, 45)"));
        Assert.Equal(0, index.CountMissing());
        Assert.Equal(0, await index.EmbedMissingAsync());
        Assert.Equal(sent, _server.Inputs.Count);

        // A changed abstract is a changed text: that paper, and only it, is embedded again.
        ingest.Ingest([Write("daily.txt", papers[0].ToListing() + (papers[1] with { Abstract = papers[1].Abstract + " A revised version adds a second benchmark." }).ToListing())]);
        Assert.Equal(1, index.CountMissing());
        Assert.Equal(1, await index.EmbedMissingAsync());
        Assert.Equal(0, index.CountMissing());
    }

    [Fact]
    public async Task Migration_13_keys_an_existing_indexs_current_vectors_by_their_text_so_nothing_is_embedded_again()
    {
        using var services = Services();
        var ingest = services.GetRequiredService<IngestService>();
        var index = services.GetRequiredService<PaperEmbeddingIndex>();
        var papers = new[] { TestPaper.About("speculative decoding", upvotes: 3), TestPaper.About("reward models", upvotes: 5), TestPaper.About("sparse attention") };
        ingest.Ingest([Write("daily.txt", string.Concat(papers.Select(p => p.ToListing())))]);
        Assert.Equal(3, await index.EmbedMissingAsync());
        var sent = _server.Inputs.Count;
        // An index as schema 12 left it: vectors keyed by the papers' record hash, and the third paper's vectors from
        // an older text of it.
        Execute(services, """
            UPDATE paper_embeddings SET content_hash = (SELECT p.content_hash FROM papers p WHERE p.id = paper_embeddings.paper_id);
            UPDATE paper_embeddings SET content_hash = 'an-older-text' WHERE paper_id = (SELECT id FROM papers ORDER BY seq DESC LIMIT 1);
            DROP INDEX papers_id_text_hash;
            ALTER TABLE papers DROP COLUMN text_hash;
            CREATE INDEX papers_id_hash ON papers(id, content_hash);
            PRAGMA user_version = 12;
            """);

        using (var connection = services.GetRequiredService<SqliteConnectionFactory>().Open())
        {
            SchemaMigrator.Migrate(connection);
        }

        Assert.Equal(1, index.CountMissing());
        Assert.Equal(1, await index.EmbedMissingAsync());
        Assert.Equal(sent + 1, _server.Inputs.Count);
        Assert.Equal(0, Count(services, "SELECT count(*) FROM papers WHERE text_hash = ''"));
    }

    private ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PaperBot:Database"] = Path.Combine(_directory, "paperbot.db"),
            ["Ingest:Root"] = _directory,
            ["Embeddings:Provider"] = "OpenAI",
            ["Embeddings:Endpoint"] = _server.BaseUrl,
            ["Embeddings:Model"] = "fake-embed-1",
            ["Embeddings:ApiKey"] = "test-key",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddPaperBotCore(configuration);
        PaperBotFeatures.Add(services, configuration);
        return services.BuildServiceProvider();
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static void Execute(ServiceProvider services, string sql)
    {
        using var connection = services.GetRequiredService<SqliteConnectionFactory>().Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static long Count(ServiceProvider services, string sql)
    {
        using var connection = services.GetRequiredService<SqliteConnectionFactory>().Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
