using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PaperBot.Tests.Discord;

/// <summary>
/// A loopback stand-in for Discord's REST API (v10) and gateway, following the documented wire protocol: bot-token
/// auth, User-Agent, per-bucket X-RateLimit-* headers, 429 bodies with retry_after, message limits (50035), enforced
/// nonces, and a gateway with Hello, Identify/READY, heartbeat ACKs, Resume with replay, Invalid Session and close codes.
/// </summary>
public sealed partial class FakeDiscordServer : IAsyncDisposable
{
    public const string BotToken = "test-bot-token";
    public const string BotUserId = "900000000000000001";
    public const string ApplicationId = "800000000000000001";

    private readonly TimeProvider time;
    private LoopbackServer? server;
    private readonly Lock gate = new();
    private readonly Dictionary<string, (int Limit, TimeSpan Window)> limitsByBucket = [];
    private readonly Dictionary<string, (int Used, DateTimeOffset ResetAt)> windows = [];
    private readonly ConcurrentQueue<Func<HttpContext, Task<bool>>> scriptedResponses = new();
    private readonly HashSet<string> nonces = [];
    private int answersToDrop;
    private readonly List<(int Seq, string Type, JsonNode Data)> events = [];
    private WebSocket? currentSocket;
    private int sequence;
    private string? sessionId;
    private int sessionCounter;

    private FakeDiscordServer(TimeProvider time) => this.time = time;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();
    public ConcurrentQueue<JsonElement> GatewayReceived { get; } = new();
    public int GatewayConnections => connections;
    public IReadOnlyList<string> GatewayPaths => gatewayPaths.ToList();
    public int RateLimitViolations => violations;

    /// <summary>Messages the channel would show: created by a POST, not answered from an earlier enforced nonce.</summary>
    public int MessagesCreated => Volatile.Read(ref messagesCreated);

    private int messagesCreated;

    /// <summary>When false the gateway stops acknowledging heartbeats (a zombie connection from the client's view).</summary>
    public bool AckHeartbeats { get; set; } = true;
    public int HeartbeatIntervalMs { get; set; } = 45_000;
    /// <summary>Close code sent in answer to Identify, e.g. 4004 for a bad token; 0 means accept.</summary>
    public int IdentifyCloseCode { get; set; }
    public TimeSpan ResponseDelay { get; set; }

    private int connections;
    private int violations;
    private readonly ConcurrentQueue<string> gatewayPaths = new();

    public string BaseUrl { get; private set; } = "";
    public string ApiBaseUrl => BaseUrl + "/api/v10";
    public string GatewayUrl => BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/gateway";

    /// <summary>Starts the fake; <paramref name="time"/> runs its rate-limit windows and stamps the requests.</summary>
    public static async Task<FakeDiscordServer> StartAsync(TimeProvider? time = null)
    {
        var fake = new FakeDiscordServer(time ?? TimeProvider.System);
        fake.server = await LoopbackServer.StartAsync(app =>
        {
            app.UseWebSockets();
            app.Use(fake.RestAsync);
        });
        fake.BaseUrl = fake.server.BaseUrl;
        return fake;
    }

    /// <summary>Gives a bucket a limit; routes not limited here get a generous default.</summary>
    public void Limit(string bucket, int limit, TimeSpan window)
    {
        lock (gate)
        {
            limitsByBucket[bucket] = (limit, window);
        }
    }

    /// <summary>The next REST request gets this status and JSON body instead of normal handling.</summary>
    public void ScriptNext(int status, string json, IReadOnlyDictionary<string, string>? headers = null) => scriptedResponses.Enqueue(async context =>
    {
        context.Response.StatusCode = status;
        foreach (var (k, v) in headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[k] = v;
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
        return true;
    });

    /// <summary>
    /// Holds REST requests whose route starts with <paramref name="routePrefix"/> until the result is disposed, an
    /// ordering barrier: whatever the client finished before then cannot have waited for those requests.
    /// </summary>
    public IDisposable Hold(string routePrefix)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref held, 0);
        hold = Tuple.Create(routePrefix, gate);
        return new HoldRelease(() =>
        {
            hold = null;
            gate.TrySetResult();
        });
    }

    /// <summary>Requests waiting (or that waited) at the current <see cref="Hold"/>.</summary>
    public int HeldRequests => Volatile.Read(ref held);

    private volatile Tuple<string, TaskCompletionSource>? hold;
    private int held;

    private sealed class HoldRelease(Action release) : IDisposable
    {
        public void Dispose() => release();
    }

    public IReadOnlyList<RecordedRequest> RequestsTo(string pathPrefix, string? method = null) =>
        Requests.Where(r => r.Path.StartsWith(pathPrefix, StringComparison.Ordinal) && (method is null || r.Method == method)).ToList();

    /// <summary>Sends a dispatch to the connected client, or keeps it for replay on resume if none is connected.</summary>
    public async Task DispatchAsync(string type, object data)
    {
        WebSocket? socket;
        string frame;
        lock (gate)
        {
            var seq = ++sequence;
            var node = JsonSerializer.SerializeToNode(data)!;
            events.Add((seq, type, node));
            frame = Frame(0, node, seq, type);
            socket = currentSocket;
        }
        if (socket is { State: WebSocketState.Open })
        {
            await SendTextAsync(socket, frame);
        }
    }

    /// <summary>Drops the TCP connection without a close frame, as a network fault would.</summary>
    public void DropConnection() => currentSocket?.Abort();

    public async Task CloseConnectionAsync(int code, string reason)
    {
        if (currentSocket is { } socket)
        {
            await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
        }
    }

    public async Task SendOpAsync(int op, object? data)
    {
        if (currentSocket is { } socket)
        {
            await SendTextAsync(socket, Frame(op, data is null ? null : JsonSerializer.SerializeToNode(data), null, null));
        }
    }

    public static object MessageCreate(string id, string channelId, string? guildId, string authorId, string content, bool authorIsBot = false, bool mentionsBot = false) => new Dictionary<string, object?>
    {
        ["id"] = id,
        ["channel_id"] = channelId,
        ["guild_id"] = guildId,
        ["author"] = new Dictionary<string, object?> { ["id"] = authorId, ["username"] = "someone", ["bot"] = authorIsBot },
        ["content"] = content,
        ["mentions"] = mentionsBot ? new[] { new Dictionary<string, object?> { ["id"] = BotUserId, ["username"] = "PaperBot", ["bot"] = true } } : [],
        ["timestamp"] = "2026-11-25T12:00:00.000000+00:00",
        ["type"] = 0,
    };

    private async Task RestAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "";
        if (path is "/gateway" or "/resume")
        {
            await GatewayAsync(context, path);
            return;
        }
        if (!path.StartsWith("/api/v10/", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 404;
            return;
        }
        var route = path["/api/v10/".Length..];
        var request = await RecordedRequest.ReadAsync(context, time, route);
        if (hold is { } h && route.StartsWith(h.Item1, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref held);
            await h.Item2.Task;
        }
        if (TakeAnswerToDrop())
        {
            // Acted on, but the answer never leaves: it is written aside and the connection reset.
            context.Response.Body = Stream.Null;
            await HandleRestAsync(context, context.Request.Method, route, request.Body);
            Requests.Enqueue(request with { At = time.GetUtcNow(), Status = DroppedStatus });
            context.Abort();
            return;
        }
        var status = await HandleRestAsync(context, context.Request.Method, route, request.Body);
        Requests.Enqueue(request with { At = time.GetUtcNow(), Status = status });
    }

    /// <summary>The status recorded for a request whose answer was dropped (<see cref="DropAnswers"/>).</summary>
    public const int DroppedStatus = 0;

    /// <summary>
    /// The next <paramref name="count"/> REST requests are acted on (a message created, its nonce kept) but their
    /// connection is reset before the answer goes out, as when the network fails after Discord has done the work.
    /// </summary>
    public void DropAnswers(int count)
    {
        lock (gate)
        {
            answersToDrop = count;
        }
    }

    private bool TakeAnswerToDrop()
    {
        lock (gate)
        {
            if (answersToDrop == 0)
            {
                return false;
            }
            answersToDrop--;
            return true;
        }
    }

    private async Task<int> HandleRestAsync(HttpContext context, string method, string route, string body)
    {
        if (ResponseDelay > TimeSpan.Zero)
        {
            await Task.Delay(ResponseDelay, time);
        }
        var response = context.Response;
        if (context.Request.Headers.UserAgent.FirstOrDefault()?.StartsWith("DiscordBot (", StringComparison.Ordinal) != true)
        {
            return await ErrorAsync(response, 403, 40333, "Requests need a User-Agent of the form DiscordBot (url, version)");
        }
        if (scriptedResponses.TryDequeue(out var scripted) && await scripted(context))
        {
            return response.StatusCode;
        }
        var isWebhook = route.StartsWith("webhooks/", StringComparison.Ordinal);
        if (!isWebhook && context.Request.Headers.Authorization.FirstOrDefault() != "Bot " + BotToken)
        {
            return await ErrorAsync(response, 401, 0, "401: Unauthorized");
        }
        if (isWebhook && context.Request.Headers.Authorization.Count > 0)
        {
            // Discord ignores it, but PaperBot must not leak the bot token to webhook routes.
            return await ErrorAsync(response, 400, 0, "Interaction webhooks take no Authorization header in this fake");
        }
        if (!await RateLimitAsync(response, method, route))
        {
            Interlocked.Increment(ref violations);
            return 429;
        }
        if (body.Length > 0 && context.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
        {
            return await ErrorAsync(response, 400, 50035, "Invalid Form Body: Content-Type must be application/json");
        }
        if (method is "POST" or "PATCH" && (route.Contains("/messages", StringComparison.Ordinal) || isWebhook))
        {
            var message = JsonNode.Parse(body)!;
            var content = message["content"]?.GetValue<string>() ?? "";
            if (content.Length > 2000)
            {
                return await ErrorAsync(response, 400, 50035, "Invalid Form Body: content: Must be 2000 or fewer in length.");
            }
            if (DiscordMessageLimits.Violations(message) is [var broken, ..])
            {
                return await ErrorAsync(response, 400, 50035, "Invalid Form Body: " + broken);
            }
            if (content.Length == 0 && message["embeds"] is null)
            {
                return await ErrorAsync(response, 400, 50006, "Cannot send an empty message");
            }
            if (message["enforce_nonce"]?.GetValue<bool>() == true && message["nonce"]?.GetValue<string>() is { } nonce)
            {
                lock (gate)
                {
                    if (!nonces.Add(nonce))
                    {
                        // Discord returns the message created earlier with that nonce rather than a duplicate.
                        response.ContentType = "application/json";
                        return 200;
                    }
                }
            }
            // Created before the answer is written: a message whose client went away before the answer still exists.
            Interlocked.Increment(ref messagesCreated);
            response.ContentType = "application/json";
            await response.WriteAsync(JsonSerializer.Serialize(new { id = Random.Shared.NextInt64(1, long.MaxValue).ToString(CultureInfo.InvariantCulture), content }));
            return 200;
        }
        if (method == "POST" && route.EndsWith("/typing", StringComparison.Ordinal))
        {
            response.StatusCode = 204;
            return 204;
        }
        if (method == "PUT" && CommandsRoute().IsMatch(route))
        {
            var commands = JsonNode.Parse(body)!.AsArray();
            foreach (var command in commands)
            {
                var name = command!["name"]?.GetValue<string>() ?? "";
                if (!CommandName().IsMatch(name) || !string.Equals(name, name.ToLowerInvariant(), StringComparison.Ordinal) || command["description"]?.GetValue<string>() is not { Length: >= 1 and <= 100 })
                {
                    return await ErrorAsync(response, 400, 50035, $"Invalid Form Body: name or description of \"{name}\"");
                }
                command["id"] = Random.Shared.NextInt64(1, long.MaxValue).ToString(CultureInfo.InvariantCulture);
                command["application_id"] = ApplicationId;
            }
            response.ContentType = "application/json";
            await response.WriteAsync(commands.ToJsonString());
            return 200;
        }
        if (method == "GET" && route == "gateway/bot")
        {
            response.ContentType = "application/json";
            await response.WriteAsync(JsonSerializer.Serialize(new
            {
                url = GatewayUrl,
                shards = 1,
                session_start_limit = new { total = 1000, remaining = 999, reset_after = 14_400_000, max_concurrency = 1 },
            }));
            return 200;
        }
        return await ErrorAsync(response, 404, 0, "404: Not Found");
    }

    /// <summary>Per (bucket, major parameter) windows, with the headers Discord sends; false after writing a 429.</summary>
    private async Task<bool> RateLimitAsync(HttpResponse response, string method, string route)
    {
        var segments = route.Split('/');
        var major = segments.Length > 1 && segments[0] is "channels" or "guilds" or "webhooks" ? segments[1] + (segments[0] == "webhooks" && segments.Length > 2 ? "/" + segments[2] : "") : "";
        var bucket = BucketName(method, segments);
        var now = time.GetUtcNow();
        int limit, remaining;
        DateTimeOffset resetAt;
        lock (gate)
        {
            var (l, window) = limitsByBucket.TryGetValue(bucket, out var configured) ? configured : (1000, TimeSpan.FromSeconds(1));
            limit = l;
            var key = bucket + "|" + major;
            var state = windows.TryGetValue(key, out var s) && s.ResetAt > now ? s : (Used: 0, ResetAt: now + window);
            resetAt = state.ResetAt;
            if (state.Used >= limit)
            {
                remaining = 0;
            }
            else
            {
                state.Used++;
                windows[key] = state;
                remaining = limit - state.Used;
                WriteHeaders(response, bucket, limit, remaining, resetAt, now);
                return true;
            }
        }
        WriteHeaders(response, bucket, limit, remaining, resetAt, now);
        var retryAfter = Math.Max(0.001, (resetAt - now).TotalSeconds);
        response.StatusCode = 429;
        response.Headers["Retry-After"] = Math.Ceiling(retryAfter).ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Scope"] = "user";
        response.ContentType = "application/json";
        await response.WriteAsync(JsonSerializer.Serialize(new { message = "You are being rate limited.", retry_after = Math.Round(retryAfter, 3), global = false }));
        return false;
    }

    /// <summary>Bucket names as the fake hands them out; tests use them with <see cref="Limit"/>.</summary>
    public static string BucketName(string method, string[] segments) => (method, segments) switch
    {
        ("POST", ["channels", _, "messages"]) => "message-create",
        ("POST", ["channels", _, "typing"]) => "typing",
        (_, ["webhooks", ..]) => "webhook",
        (_, ["applications", ..]) => "commands",
        _ => "other",
    };

    private static void WriteHeaders(HttpResponse response, string bucket, int limit, int remaining, DateTimeOffset resetAt, DateTimeOffset now)
    {
        response.Headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Reset"] = (resetAt.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Reset-After"] = Math.Max(0, (resetAt - now).TotalSeconds).ToString("0.000", CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Bucket"] = Convert.ToHexString(Encoding.UTF8.GetBytes(bucket)).ToLowerInvariant();
    }

    private static async Task<int> ErrorAsync(HttpResponse response, int status, int code, string message)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        await response.WriteAsync(JsonSerializer.Serialize(new { message, code }));
        return status;
    }

    private async Task GatewayAsync(HttpContext context, string path)
    {
        if (!context.WebSockets.IsWebSocketRequest || context.Request.Query["v"] != "10" || context.Request.Query["encoding"] != "json")
        {
            context.Response.StatusCode = 400;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        Interlocked.Increment(ref connections);
        gatewayPaths.Enqueue(path);
        lock (gate)
        {
            currentSocket = socket;
        }
        await SendTextAsync(socket, Frame(10, JsonSerializer.SerializeToNode(new { heartbeat_interval = HeartbeatIntervalMs }), null, null));
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);
                if (message.Length > 4096)
                {
                    await socket.CloseAsync((WebSocketCloseStatus)4002, "Payload too large", CancellationToken.None);
                    return;
                }
                var payload = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
                GatewayReceived.Enqueue(payload);
                await OnGatewayPayloadAsync(socket, payload);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // The client went away (or the test dropped it).
        }
    }

    private async Task OnGatewayPayloadAsync(WebSocket socket, JsonElement payload)
    {
        switch (payload.GetProperty("op").GetInt32())
        {
            case 1:
                if (AckHeartbeats)
                {
                    await SendTextAsync(socket, Frame(11, null, null, null));
                }
                break;
            case 2:
                var d = payload.GetProperty("d");
                if (IdentifyCloseCode != 0 || d.GetProperty("token").GetString() != BotToken)
                {
                    await socket.CloseOutputAsync((WebSocketCloseStatus)(IdentifyCloseCode != 0 ? IdentifyCloseCode : 4004), "Authentication failed.", CancellationToken.None);
                    return;
                }
                string frame;
                lock (gate)
                {
                    sessionId = "session-" + ++sessionCounter;
                    events.Clear();
                    sequence = 1;
                    var ready = new
                    {
                        v = 10,
                        user = new { id = BotUserId, username = "PaperBot", bot = true },
                        guilds = Array.Empty<object>(),
                        session_id = sessionId,
                        resume_gateway_url = BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/resume",
                        application = new { id = ApplicationId, flags = 0 },
                    };
                    frame = Frame(0, JsonSerializer.SerializeToNode(ready), sequence, "READY");
                }
                await SendTextAsync(socket, frame);
                break;
            case 6:
                var resume = payload.GetProperty("d");
                List<string> replay;
                lock (gate)
                {
                    if (resume.GetProperty("session_id").GetString() != sessionId || resume.GetProperty("token").GetString() != BotToken)
                    {
                        replay = [Frame(9, JsonValue.Create(false), null, null)];
                    }
                    else
                    {
                        var from = resume.GetProperty("seq").ValueKind == JsonValueKind.Number ? resume.GetProperty("seq").GetInt32() : 0;
                        replay = events.Where(e => e.Seq > from).Select(e => Frame(0, e.Data, e.Seq, e.Type)).ToList();
                        replay.Add(Frame(0, new JsonObject(), ++sequence, "RESUMED"));
                    }
                }
                foreach (var frameText in replay)
                {
                    await SendTextAsync(socket, frameText);
                }
                break;
            default:
                await socket.CloseOutputAsync((WebSocketCloseStatus)4001, "Unknown opcode.", CancellationToken.None);
                break;
        }
    }

    private static string Frame(int op, JsonNode? d, int? s, string? t) =>
        new JsonObject { ["op"] = op, ["d"] = d?.DeepClone(), ["s"] = s, ["t"] = t }.ToJsonString();

    private readonly SemaphoreSlim sendLock = new(1, 1);

    private async Task SendTextAsync(WebSocket socket, string text)
    {
        await sendLock.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
            // The connection is gone; the event stays in the log for replay.
        }
        finally
        {
            sendLock.Release();
        }
    }

    [GeneratedRegex(@"^applications/\d+(/guilds/\d+)?/commands$")]
    private static partial Regex CommandsRoute();

    [GeneratedRegex(@"^[-_'\p{L}\p{N}]{1,32}$")]
    private static partial Regex CommandName();

    public async ValueTask DisposeAsync()
    {
        currentSocket?.Abort();
        if (server is not null)
        {
            await server.DisposeAsync();
        }
        sendLock.Dispose();
    }
}
