using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Retrieval;
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
}
