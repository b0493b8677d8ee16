using Microsoft.Extensions.Configuration;
using PaperBot.Host.Server;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Server;

/// <summary>The real server on 127.0.0.1 over a temporary database, started once for the class.</summary>
public sealed class HealthServerFixture : IAsyncLifetime
{
    private readonly TempDatabase _db = new();

    public Microsoft.AspNetCore.Builder.WebApplication App { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public TempDatabase Db => _db;

    public async Task InitializeAsync()
    {
        App = ServeCommand.BuildApp([], _db.Path, "http://127.0.0.1:0", c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PaperBot:Corpus"] = RepositoryPaths.Corpus,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:PaperBot"] = "Warning",
        }));
        await App.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri(App.Urls.First()) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        _db.Dispose();
    }
}
