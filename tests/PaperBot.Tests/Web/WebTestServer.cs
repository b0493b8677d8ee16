using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using PaperBot.Host.Server;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Web;

/// <summary>The real server (ServeCommand.BuildApp) with the web page on, on 127.0.0.1 port 0, over a temporary database.</summary>
public sealed class WebTestServer : IAsyncDisposable
{
    private readonly string directory;

    private WebTestServer(WebApplication app, string directory)
    {
        App = app;
        this.directory = directory;
        BaseAddress = new Uri(app.Urls.First());
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };
    }

    public WebApplication App { get; }
    public Uri BaseAddress { get; }
    public HttpClient Http { get; }

    /// <param name="corpus">Listing files to ingest instead of the repository's corpus (name → text).</param>
    public static async Task<WebTestServer> StartAsync(IDictionary<string, string?>? overrides = null, IDictionary<string, string>? corpus = null)
    {
        var directory = Directory.CreateTempSubdirectory("paperbot-web-").FullName;
        var corpusPath = RepositoryPaths.Corpus;
        if (corpus is not null)
        {
            corpusPath = Path.Combine(directory, "corpus");
            Directory.CreateDirectory(corpusPath);
            foreach (var (name, text) in corpus)
            {
                await File.WriteAllTextAsync(Path.Combine(corpusPath, name), text);
            }
        }
        var database = Path.Combine(directory, "paperbot.db");
        if (corpus is null)
        {
            // The repository's corpus as the run's template holds it (ingested, embedded with the default local model,
            // corpus vectors trained): serve finds papers and starts neither an ingest nor a background embedding of
            // 452 papers, which cost each server tens of seconds of CPU.
            await EmbeddedCorpus.CopyToAsync(database);
        }
        var settings = new Dictionary<string, string?>
        {
            ["PaperBot:Database"] = database,
            ["PaperBot:Corpus"] = corpusPath,
            ["Web:Enabled"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:PaperBot"] = "Warning",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var app = ServeCommand.BuildApp([], null, "http://127.0.0.1:0", configuration => configuration.AddInMemoryCollection(settings));
        await app.StartAsync();
        return new WebTestServer(app, directory);
    }

    /// <summary>Asks through the streamed endpoint and returns its events in order (name, JSON payload).</summary>
    public async Task<(HttpResponseMessage Response, List<(string Name, JsonElement Data)> Events)> AskAsync(
        string question, string? conversation = null, Action<HttpRequestMessage>? prepare = null, string? action = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/web/ask")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { question, conversation, action }), Encoding.UTF8, "application/json"),
        };
        prepare?.Invoke(request);
        var response = await Http.SendAsync(request);
        var events = new List<(string, JsonElement)>();
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            var text = await response.Content.ReadAsStringAsync();
            foreach (var frame in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
            {
                var lines = frame.Split('\n');
                var name = lines.Single(l => l.StartsWith("event: ", StringComparison.Ordinal))["event: ".Length..];
                var data = lines.Single(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..];
                events.Add((name, JsonDocument.Parse(data).RootElement.Clone()));
            }
        }
        return (response, events);
    }

    public static void WithCookie(HttpRequestMessage request, string cookie) => request.Headers.Add("Cookie", cookie);

    public static void WithBearer(HttpRequestMessage request, string token) => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the OS; the temp folder is cleaned later.
        }
    }
}
