using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Host.Server;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Teams;

/// <summary>
/// The real <c>paperbot serve</c> app on 127.0.0.1 with a temporary SQLite database and the repository's corpus,
/// talking to a <see cref="FakeBotConnector"/> for keys, tokens and replies.
/// </summary>
public abstract class TeamsServerFixture : IAsyncLifetime
{
    public const string AppId = "5f1a1c4e-0b6e-4a8e-9d3b-3c2d9e7a1b01";
    public const string BotId = "28:" + AppId;
    public const string BotName = "PaperBot";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "paperbot-teams-" + Guid.NewGuid().ToString("N"));

    protected TeamsServerFixture(bool authenticated) => Authenticated = authenticated;

    public bool Authenticated { get; }
    public FakeBotConnector Connector { get; private set; } = null!;
    public WebApplication App { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    /// <summary>Published and endorsed for msteams: the key real Teams traffic is signed with.</summary>
    public TestSigningKey TeamsKey { get; } = new("teams-key", "msteams");

    /// <summary>Published, but endorsed only for another channel.</summary>
    public TestSigningKey OtherChannelKey { get; } = new("skype-key", "skype");

    /// <summary>Never published.</summary>
    public TestSigningKey RogueKey { get; } = new("rogue-key", "msteams");

    public string DatabasePath => Path.Combine(_directory, "paperbot.db");

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        Connector = await FakeBotConnector.StartAsync();
        Connector.PublishedKeys.Add(TeamsKey);
        Connector.PublishedKeys.Add(OtherChannelKey);
        await BeforeServerStartsAsync();

        var settings = new Dictionary<string, string?>
        {
            // Channel tests do not exercise dense retrieval (LocalEmbeddingTests does, on one shared embedded corpus):
            // no background job embedding the corpus beside every test server.
            ["Embeddings:Provider"] = "None",
            ["PaperBot:Database"] = DatabasePath,
            ["PaperBot:Corpus"] = RepositoryPaths.Corpus,
            ["Teams:OpenIdMetadataUrl"] = Connector.OpenIdMetadataUrl,
            ["Teams:TokenEndpoint"] = Connector.TokenEndpoint,
            ["Teams:AllowedServiceUrls:0"] = Connector.BaseUrl,
            ["Teams:RetryBaseDelay"] = "00:00:00.020",
            ["Teams:MaxRetryDelay"] = "00:00:05",
            ["Teams:MaxRetryAttempts"] = "3",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (Authenticated)
        {
            settings["Teams:AppId"] = AppId;
            settings["Teams:AppPassword"] = "test-secret";
            settings["Teams:TenantId"] = FakeBotConnector.TenantId;
            settings["Teams:AppType"] = "SingleTenant";
        }
        Configure(settings);
        App = ServeCommand.BuildApp([], DatabasePath, "http://127.0.0.1:0", c => c.AddInMemoryCollection(settings), ConfigureServices);
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>A hook for fixtures that need other settings.</summary>
    protected virtual void Configure(IDictionary<string, string?> settings)
    {
    }

    /// <summary>A hook for fixtures that replace services (a fake clock), applied after the app's own registrations.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>A hook for fixtures that must publish more keys before the server first fetches them.</summary>
    protected virtual Task BeforeServerStartsAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Connector.DisposeAsync();
        RogueKey.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open on some platforms; the temp folder is cleaned by the OS
        }
    }

    /// <summary>A valid Bot Connector token for the fake's service URL.</summary>
    public string ValidToken(string? serviceUrl = null) =>
        Jwt.SignRs256(TeamsKey, Jwt.Claims(AppId, serviceUrl ?? Connector.ServiceUrl, DateTimeOffset.UtcNow));

    public async Task<HttpResponseMessage> PostActivityAsync(JsonObject activity, string? bearerToken, string? rawAuthorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }
        if (rawAuthorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", rawAuthorization);
        }
        return await Client.SendAsync(request);
    }

    /// <summary>A Teams message activity as the connector sends it.</summary>
    public JsonObject Message(string conversationId, string text, string conversationType = "personal", bool mentionBot = false, string? serviceUrl = null) =>
        MessageActivity(serviceUrl ?? Connector.ServiceUrl, conversationId, text, conversationType, mentionBot);

    /// <summary>A Teams message activity as the connector at <paramref name="serviceUrl"/> sends it, for servers outside a fixture.</summary>
    public static JsonObject MessageActivity(string serviceUrl, string conversationId, string text, string conversationType = "personal", bool mentionBot = false)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = "1700000000" + Random.Shared.Next(100000, 999999),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = "29:user-1", ["name"] = "Ada Lovelace", ["aadObjectId"] = "aad-user-1" },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
            ["conversation"] = new JsonObject
            {
                ["id"] = conversationId,
                ["conversationType"] = conversationType,
                ["tenantId"] = FakeBotConnector.TenantId,
                ["isGroup"] = conversationType != "personal",
            },
            ["text"] = mentionBot ? $"<at>{BotName}</at> {text}" : text,
            ["textFormat"] = "plain",
            ["locale"] = "en-GB",
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = FakeBotConnector.TenantId } },
            ["someFieldPaperBotDoesNotKnow"] = new JsonObject { ["x"] = 1 },
        };
        if (mentionBot)
        {
            activity["entities"] = new JsonArray
            {
                new JsonObject
                {
                    ["type"] = "mention",
                    ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
                    ["text"] = $"<at>{BotName}</at>",
                },
                new JsonObject { ["type"] = "clientInfo", ["locale"] = "en-GB", ["platform"] = "Web" },
            };
        }
        return activity;
    }

    public static string NewConversationId(string kind = "personal") => kind switch
    {
        "channel" => $"19:{Guid.NewGuid():N}@thread.tacv2;messageid=17000{Random.Shared.Next(10000, 99999)}",
        "groupChat" => $"19:{Guid.NewGuid():N}@thread.v2",
        _ => $"a:1{Guid.NewGuid():N}",
    };
}
