using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using PaperBot.Host.Server;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Discord;

/// <summary>
/// The real PaperBot server (ServeCommand.BuildApp) on 127.0.0.1 with a temporary SQLite database and the repository's
/// corpus, pointed at a <see cref="FakeDiscordServer"/>.
/// </summary>
public sealed class PaperBotTestServer : IAsyncDisposable
{
    private readonly string directory;

    private PaperBotTestServer(WebApplication app, string directory, TestSigner signer)
    {
        App = app;
        this.directory = directory;
        Signer = signer;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public WebApplication App { get; }
    public HttpClient Http { get; }
    public TestSigner Signer { get; }

    public static async Task<PaperBotTestServer> StartAsync(
        FakeDiscordServer discord, IDictionary<string, string?>? overrides = null, TestSigner? signer = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        signer ??= new TestSigner();
        var directory = Path.Combine(Path.GetTempPath(), "paperbot-discord-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var settings = new Dictionary<string, string?>
        {
            // Channel tests do not exercise dense retrieval (LocalEmbeddingTests does, on one shared embedded corpus):
            // no background job embedding the corpus beside every test server.
            ["Embeddings:Provider"] = "None",
            ["PaperBot:Database"] = Path.Combine(directory, "paperbot.db"),
            ["PaperBot:Corpus"] = RepositoryPaths.Corpus,
            ["Discord:ApplicationId"] = FakeDiscordServer.ApplicationId,
            ["Discord:PublicKey"] = signer.PublicKeyHex,
            ["Discord:BotToken"] = FakeDiscordServer.BotToken,
            ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl,
            ["Discord:Gateway:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:PaperBot"] = "Warning",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var app = ServeCommand.BuildApp([], null, "http://127.0.0.1:0", configuration => configuration.AddInMemoryCollection(settings), services);
        await app.StartAsync();
        return new PaperBotTestServer(app, directory, signer);
    }

    /// <summary>POSTs an interaction signed as Discord would sign it.</summary>
    public Task<HttpResponseMessage> PostInteractionAsync(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        return PostRawAsync(body, Signer.Sign(timestamp, body), timestamp);
    }

    public Task<HttpResponseMessage> PostRawAsync(byte[] body, string? signature, string? timestamp)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/discord/interactions") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Signature-Ed25519", signature);
        }
        if (timestamp is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Signature-Timestamp", timestamp);
        }
        return Http.SendAsync(request);
    }

    private static long nextInteractionId = 500000000000000000;

    /// <summary>A fresh interaction id: the server does not act twice on one id (replay protection).</summary>
    public static string NewInteractionId() => Interlocked.Increment(ref nextInteractionId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Command(string name, string? optionName = null, string? value = null, string userId = "700000000000000001", string token = "tok-1", string? guildId = "600000000000000001", string? interactionId = null)
    {
        var options = optionName is null ? "[]" : $$"""[{"name":"{{optionName}}","type":3,"value":{{System.Text.Json.JsonSerializer.Serialize(value)}}}]""";
        var user = "{\"id\":\"" + userId + "\",\"username\":\"asker\"}";
        var who = guildId is null
            ? "\"user\":" + user
            : "\"guild_id\":\"" + guildId + "\",\"member\":{\"user\":" + user + ",\"roles\":[]}";
        return "{\"id\":\"" + (interactionId ?? NewInteractionId()) + "\",\"application_id\":\"" + FakeDiscordServer.ApplicationId + "\",\"type\":2,\"token\":\"" + token
            + "\",\"version\":1,\"channel_id\":\"400000000000000001\"," + who + ",\"locale\":\"en-US\",\"context\":0,"
            + "\"data\":{\"id\":\"300000000000000001\",\"name\":\"" + name + "\",\"type\":1,\"options\":" + options + "}}";
    }

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
