using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core;
using PaperBot.Core.Answering;
using PaperBot.Core.Embeddings;
using PaperBot.Core.Ingest;
using PaperBot.Host;

namespace PaperBot.Tests.Retrieval;

/// <summary>
/// Dense retrieval against a real OpenAI-compatible embeddings server on loopback: papers are embedded once and
/// stored, new papers are embedded after an ingest, and the embedding ranking is fused with the keyword ranking.
/// </summary>
public sealed class DenseRetrievalTests : IAsyncLifetime
{
    // Worded so that no keyword of the question is distinctive for the paper (DialogUSR, multi-intent utterances).
    private const string Question = "when someone asks a bot for several things in a single message, break it into separate self-contained requests";
    private const string GoldTitle = "DialogUSR: Complex Dialogue Utterance Splitting and Reformulation for Multiple Intent Detection";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "paperbot-dense-" + Guid.NewGuid().ToString("N"));
    private FakeEmbeddingServer _server = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _server = await FakeEmbeddingServer.StartAsync([
            ["multiple intents", "multi-intent", "several things in a single message"],
            ["merge conflict"],
        ]);
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

    /// <summary>The corpus (copied from the run's ingested template) with the fake embedding service, or without any
    /// dense ranking: Embeddings:Provider None, as a deployer switches it off.</summary>
    private ServiceProvider Services(bool withEmbeddings)
    {
        var database = Path.Combine(_directory, withEmbeddings ? "dense.db" : "keywords.db");
        File.Copy(PaperBot.Tests.Support.IngestedCorpus.Template(withVectors: true), database);
        var settings = new Dictionary<string, string?>
        {
            ["PaperBot:Database"] = database,
            ["Embeddings:Provider"] = "None",
        };
        if (withEmbeddings)
        {
            settings["Embeddings:Provider"] = "OpenAI";
            settings["Embeddings:Endpoint"] = _server.BaseUrl;
            settings["Embeddings:Model"] = "fake-embed-1";
            settings["Embeddings:ApiKey"] = "test-key";
            settings["Embeddings:BatchSize"] = "100";
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddPaperBotCore(configuration);
        PaperBotFeatures.Add(services, configuration);
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IngestService>().Ingest([PaperBot.Tests.Support.RepositoryPaths.Corpus]);
        // As the CLI does before its first answer and the server in the background: questions never wait for a whole corpus.
        provider.GetRequiredService<PaperEmbeddingIndex>().EmbedMissingAsync().GetAwaiter().GetResult();
        return provider;
    }

    [Fact]
    public async Task Embeddings_fused_with_keywords_find_a_paper_the_keywords_alone_miss()
    {
        // The baseline has no dense ranking at all (keywords, acronyms and the corpus's own vectors rank).
        using (var keywordsOnly = Services(withEmbeddings: false))
        {
            Assert.False(keywordsOnly.GetRequiredService<PaperEmbeddingIndex>().Enabled);
            var baseline = await keywordsOnly.GetRequiredService<ExtractiveAnswerer>().RespondAsync(Question);
            Assert.NotEqual(GoldTitle, baseline.Retrieval.Hits.Count > 0 ? baseline.Retrieval.Hits[0].Paper.Title : null);
            Assert.Empty(_server.Inputs);
        }

        using var dense = Services(withEmbeddings: true);
        var response = await dense.GetRequiredService<ExtractiveAnswerer>().RespondAsync(Question);

        Assert.Equal(GoldTitle, response.Retrieval.Hits[0].Paper.Title);
        Assert.False(response.Answer.Abstained);
        Assert.All(_server.Authorizations, a => Assert.Equal("Bearer test-key", a));
    }

    [Fact]
    public async Task Each_paper_is_embedded_once_and_papers_added_by_an_ingest_are_embedded_before_the_next_question()
    {
        using var services = Services(withEmbeddings: true);
        var index = services.GetRequiredService<PaperEmbeddingIndex>();
        var answerer = services.GetRequiredService<ExtractiveAnswerer>();
        var papers = services.GetRequiredService<PaperBot.Core.Storage.PaperStore>().CountPapers();

        Assert.Equal(papers, index.CountStored());
        Assert.Equal(papers, _server.Inputs.Count); // every paper once
        await answerer.RespondAsync("speculative decoding");
        Assert.Equal(papers + 1, _server.Inputs.Count); // plus the question

        await answerer.RespondAsync("continual relation extraction");
        Assert.Equal(papers + 2, _server.Inputs.Count); // only the new question

        var extra = Path.Combine(_directory, "extra.txt");
        await File.WriteAllTextAsync(extra, "new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nbyAK and the research community\n\nNov 25\n\n" +
            "MergeGuard: Predicting Merge Conflicts Before They Happen\n\n" +
            "We predict merge conflict risk from concurrent branches before developers merge, using commit histories from hundreds of open-source projects. " +
            "Our predictor combines file overlap, author activity and change recency into a single calibrated score. In a study with professional teams it warns " +
            "early about most conflicts and cuts the time spent on resolution by a third, without slowing down everyday work on the main branch.\n");
        services.GetRequiredService<IngestService>().Ingest([extra]);
        var before = _server.Inputs.Count;

        var response = await answerer.RespondAsync("warning developers about a merge conflict early");

        Assert.Equal(papers + 1, index.CountStored());
        Assert.Equal(before + 2, _server.Inputs.Count); // the one new paper, plus the question
        Assert.Contains(response.Retrieval.Hits.Take(3), h => h.Paper.Title.StartsWith("MergeGuard", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_embedding_service_leaves_keyword_answers_working()
    {
        await _server.DisposeAsync();
        _server = await FakeEmbeddingServer.StartAsync([]);
        var settings = new Dictionary<string, string?>
        {
            ["PaperBot:Database"] = Path.Combine(_directory, "down.db"),
            ["Embeddings:Provider"] = "OpenAI",
            ["Embeddings:Endpoint"] = "http://127.0.0.1:9/v1", // nothing listens on the discard port
            ["Embeddings:Model"] = "fake-embed-1",
            ["Embeddings:TimeoutSeconds"] = "2",
            ["Embeddings:RetryDelaySeconds"] = "0",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddPaperBotCore(configuration);
        PaperBotFeatures.Add(services, configuration);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IngestService>().Ingest([PaperBot.Tests.Support.RepositoryPaths.Corpus]);

        var answerer = provider.GetRequiredService<ExtractiveAnswerer>();
        var response = await answerer.RespondAsync("speculative decoding survey");

        Assert.False(response.Answer.Abstained);
        Assert.Contains("Speculative Decoding", response.Retrieval.Hits[0].Paper.Title, StringComparison.Ordinal);
        Assert.False(provider.GetRequiredService<PaperEmbeddingIndex>().Available); // later questions skip the dead service
        Assert.False((await answerer.RespondAsync("continual relation extraction")).Answer.Abstained);
    }
}
