using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace PaperBot.Tests.Teams;

/// <summary>
/// A Bot Connector on 127.0.0.1 speaking the real routes: the OpenID metadata and key set (with endorsements),
/// the client-credentials token endpoint, and <c>POST {serviceUrl}v3/conversations/{id}/activities[/{replyToId}]</c>.
/// It records every request and can be told to answer a conversation's next sends with 403, 429, ….
/// </summary>
public sealed class FakeBotConnector : IAsyncDisposable
{
    public const string TenantId = "test-tenant";

    private static readonly string[] SupportedAlgorithms = ["RS256"];
    private static readonly string[] AuthMethods = ["private_key_jwt"];

    private readonly TimeProvider _time;
    private LoopbackServer? _server;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ScriptedAnswer>> _scripts = new(StringComparer.Ordinal);
    private int _tokenCounter;
    private int _activityCounter;

    private FakeBotConnector(TimeProvider time) => _time = time;

    public string BaseUrl { get; private set; } = "";

    /// <summary>A service URL with a region path, like Teams' <c>https://smba.trafficmanager.net/amer/</c>.</summary>
    public string ServiceUrl => BaseUrl + "amer/";

    public string OpenIdMetadataUrl => BaseUrl + "v1/.well-known/openidconfiguration";

    public string TokenEndpoint => BaseUrl + TenantId + "/oauth2/v2.0/token";

    /// <summary>The keys the key set publishes; change it before the server first fetches keys.</summary>
    public ConcurrentBag<TestSigningKey> PublishedKeys { get; } = [];

    /// <summary>Keys made elsewhere (e.g. by Node's crypto), published as given.</summary>
    public ConcurrentBag<System.Text.Json.Nodes.JsonNode> ExtraKeys { get; } = [];

    public int KeySetFetches { get; private set; }

    /// <summary>While set, every send into a conversation has its connection dropped.</summary>
    public bool AbortSends { get; set; }

    /// <summary>How long each send into a conversation is held before it is answered (a slow connector).</summary>
    public TimeSpan SendDelay { get; set; }

    public int AbortedSends => Volatile.Read(ref _abortedSends);

    private int _abortedSends;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public IReadOnlyList<RecordedRequest> ConnectorCalls(string conversationId) =>
        Requests.Where(r => r.IsConnectorCall && r.ConversationId == conversationId).ToList();

    /// <summary>The bot's messages (not typing indicators) in reply to <paramref name="activityId"/>.</summary>
    public List<RecordedRequest> MessagesInReplyTo(string conversationId, string activityId) =>
        ConnectorCalls(conversationId).Where(r => r.ReplyToId == activityId && r.ActivityType == "message").ToList();

    public IReadOnlyList<RecordedRequest> TokenRequests => Requests.Where(r => r.Path.Contains("/oauth2/v2.0/token", StringComparison.Ordinal)).ToList();

    /// <summary>Starts the connector; <paramref name="time"/> stamps the requests.</summary>
    public static async Task<FakeBotConnector> StartAsync(TimeProvider? time = null)
    {
        var fake = new FakeBotConnector(time ?? TimeProvider.System);
        fake._server = await LoopbackServer.StartAsync(fake.HandleAsync);
        fake.BaseUrl = fake._server.BaseUrl + "/";
        return fake;
    }

    /// <summary>The next sends into <paramref name="conversationId"/> get these answers, in order; then 200 again.</summary>
    public void Script(string conversationId, params ScriptedAnswer[] answers)
    {
        var queue = _scripts.GetOrAdd(conversationId, _ => new ConcurrentQueue<ScriptedAnswer>());
        foreach (var answer in answers)
        {
            queue.Enqueue(answer);
        }
    }

    /// <summary>Waits until <paramref name="count"/> recorded requests match, or fails after the timeout.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForAsync(Func<RecordedRequest, bool> match, int count = 1, TimeSpan? timeout = null)
    {
        await Eventually.TrueAsync(() => Requests.Count(match) >= count,
            () => $"{count} matching requests at the fake connector, saw {Requests.Count(match)}. All: " +
                string.Join("; ", Requests.Select(r => $"{r.Method} {r.Path} → {r.Status}")),
            timeout);
        return Requests.Where(match).ToList();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = await RecordedRequest.ReadAsync(context, _time);
        var path = context.Request.Path.Value ?? "";
        var status = 200;
        string responseBody;
        string? retryAfter = null;

        if (path == "/v1/.well-known/openidconfiguration")
        {
            responseBody = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["issuer"] = Jwt.Issuer,
                ["authorization_endpoint"] = BaseUrl + "v1/.well-known/authorize",
                ["jwks_uri"] = BaseUrl + "v1/.well-known/keys",
                ["id_token_signing_alg_values_supported"] = SupportedAlgorithms,
                ["token_endpoint_auth_methods_supported"] = AuthMethods,
            });
        }
        else if (path == "/v1/.well-known/keys")
        {
            KeySetFetches++;
            var keys = new System.Text.Json.Nodes.JsonArray();
            foreach (var key in PublishedKeys)
            {
                keys.Add(System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(key.ToJwk())));
            }
            foreach (var key in ExtraKeys)
            {
                keys.Add(key.DeepClone());
            }
            responseBody = new System.Text.Json.Nodes.JsonObject { ["keys"] = keys }.ToJsonString();
        }
        else if (path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal) && context.Request.Method == "POST")
        {
            var n = Interlocked.Increment(ref _tokenCounter);
            responseBody = JsonSerializer.Serialize(new { token_type = "Bearer", expires_in = 3600, ext_expires_in = 3600, access_token = $"fake-token-{n}" });
        }
        else if (path.Contains("/v3/conversations/", StringComparison.Ordinal) && context.Request.Method == "POST" && AbortSends)
        {
            // A connector that drops the connection: no HTTP answer at all.
            Interlocked.Increment(ref _abortedSends);
            context.Abort();
            return;
        }
        else if (path.Contains("/v3/conversations/", StringComparison.Ordinal) && context.Request.Method == "POST")
        {
            if (SendDelay > TimeSpan.Zero)
            {
                await Task.Delay(SendDelay, _time, context.RequestAborted);
            }
            if (request.ConversationId is { } conversation && _scripts.TryGetValue(conversation, out var queue) && queue.TryDequeue(out var scripted))
            {
                status = scripted.Status;
                responseBody = scripted.Body;
                retryAfter = scripted.RetryAfter;
            }
            else
            {
                responseBody = JsonSerializer.Serialize(new { id = $"activity-{Interlocked.Increment(ref _activityCounter)}" });
            }
        }
        else
        {
            status = 404;
            responseBody = "{\"error\":{\"code\":\"NotFound\"}}";
        }

        _requests.Enqueue(request with { At = _time.GetUtcNow(), Status = status });
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(responseBody);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        foreach (var key in PublishedKeys)
        {
            key.Dispose();
        }
    }
}
