using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Retrieval;
using PaperBot.Tests.Retrieval;
using PaperBot.Host.Server;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Server;

public sealed class RetrievalWarmUpTests
{
    [Fact]
    public async Task The_server_trains_the_corpus_vectors_before_anyone_asks()
    {
        using var db = new TempDatabase();
        await using var app = ServeCommand.BuildApp([], db.Path, "http://127.0.0.1:0", c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PaperBot:Corpus"] = RepositoryPaths.Corpus,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Embeddings:Provider"] = "None",
        }));
        var vectors = app.Services.GetRequiredService<CorpusVectors>();
        Assert.False(vectors.IsTrained);

        await app.StartAsync();
        try
        {
            await Eventually.TrueAsync(() => vectors.IsTrained, "the vectors trained at start-up, with no request made", TimeSpan.FromSeconds(60));
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task The_server_loads_the_embedding_model_before_anyone_asks_and_is_ready_only_then()
    {
        // A remote model stands in for the local one so the test can see the load: the warm-up embeds one text.
        await using var model = await FakeEmbeddingServer.StartAsync([["language models"]]);
        using var db = new TempDatabase();
        await using var app = ServeCommand.BuildApp([], db.Path, "http://127.0.0.1:0", c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PaperBot:Corpus"] = RepositoryPaths.Corpus,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Embeddings:Provider"] = "OpenAI",
            ["Embeddings:Endpoint"] = model.BaseUrl,
            ["Embeddings:Model"] = "fake-embed-1",
        }));
        var warmUp = app.Services.GetRequiredService<RetrievalWarmUpService>();

        await app.StartAsync();
        try
        {
            await Eventually.TrueAsync(() => warmUp.IsWarm, "the warm-up finished, with no request made", TimeSpan.FromSeconds(60));
            Assert.Contains("warm up", model.Inputs);
            Assert.Null(warmUp.Failure);
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
