using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace PaperBot.Tests.Llm;

/// <summary>
/// An OpenAI-compatible chat-completions server on 127.0.0.1 (real Kestrel, real wire format): every request is
/// recorded, replies come from a script, stream=true gets server-sent events.
/// </summary>
public sealed class FakeChatCompletionsServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly TimeProvider _time;
    private LoopbackServer? _server;
    private Func<RecordedRequest, int, ScriptedReply> _script = (_, _) => ScriptedReply.Completion("Nothing scripted [1].");

    private FakeChatCompletionsServer(TimeProvider time) => _time = time;

    /// <summary>Starts the server; <paramref name="time"/> stamps the requests and times scripted delays.</summary>
    public static async Task<FakeChatCompletionsServer> StartAsync(TimeProvider? time = null)
    {
        var server = new FakeChatCompletionsServer(time ?? TimeProvider.System);
        server._server = await LoopbackServer.StartAsync(server.HandleAsync);
        server.RootUrl = server._server.BaseUrl;
        server.BaseUrl = server.RootUrl + "/v1";
        return server;
    }

    /// <summary>Completes when the server has received <paramref name="count"/> requests (an ordering barrier).</summary>
    public Task ReceivedAsync(int count) => Eventually.TrueAsync(() => _requests.Count >= count, () => $"{count} requests at the fake model, saw {_requests.Count}");

    /// <summary>http://127.0.0.1:PORT, for providers that add their own path (Azure OpenAI).</summary>
    public string RootUrl { get; private set; } = "";

    /// <summary>What to put in Llm:Endpoint for OpenAI-style providers.</summary>
    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToList();

    public int RequestCount => _requests.Count;

    /// <summary>Scripted delays the client gave up on (it closed the connection before the reply).</summary>
    public int AbortedCount => Volatile.Read(ref _aborted);

    private int _aborted;

    /// <summary>
    /// Requests whose scripted delay is running: the model is holding a reply. A test moving a fake clock only while
    /// this is above zero cannot run the client's timers out before its request has even arrived (under load it can
    /// take a while to), so what times out is the wait for the reply.
    /// </summary>
    public int Holding => Volatile.Read(ref _holding);

    private int _holding;

    /// <summary>Replies by request and its 1-based number.</summary>
    public void Script(Func<RecordedRequest, int, ScriptedReply> script) => _script = script;

    public void ReplyAlways(ScriptedReply reply) => _script = (_, _) => reply;

    /// <summary>Rewrite requests get <paramref name="rewrite"/>, answer requests <paramref name="answer"/>.</summary>
    public void ReplyByPrompt(ScriptedReply answer, ScriptedReply? rewrite = null) =>
        _script = (request, _) => request.System.Contains("standalone question", StringComparison.Ordinal) && rewrite is not null ? rewrite : answer;

    private async Task HandleAsync(HttpContext context)
    {
        var recorded = await RecordedRequest.ReadAsync(context, _time);
        var body = recorded.Body;
        _requests.Enqueue(recorded);
        var reply = _script(recorded, _requests.Count);
        if (reply.Delay > TimeSpan.Zero)
        {
            Interlocked.Increment(ref _holding);
            try
            {
                await Task.Delay(reply.Delay, _time, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _aborted);
                return;
            }
            finally
            {
                Interlocked.Decrement(ref _holding);
            }
        }
        foreach (var (name, value) in reply.Headers)
        {
            context.Response.Headers[name] = value;
        }
        context.Response.StatusCode = reply.Status;
        if (reply.Status == 200 && reply.StreamChunks is { } chunks && IsStream(body))
        {
            context.Response.ContentType = "text/event-stream";
            foreach (var chunk in chunks)
            {
                await WriteEventAsync(context, Chunk(new { role = "assistant", content = chunk }, null, null));
            }
            await WriteEventAsync(context, Chunk(new { }, "stop", new { prompt_tokens = 321, completion_tokens = 45, total_tokens = 366 }));
            await context.Response.WriteAsync("data: [DONE]\n\n");
            return;
        }
        context.Response.ContentType = reply.ContentType;
        await context.Response.WriteAsync(reply.Body);
    }

    private static bool IsStream(string body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Chunk(object delta, string? finishReason, object? usage) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-test",
        @object = "chat.completion.chunk",
        created = 1_700_000_000,
        model = "test-model",
        choices = new[] { new { index = 0, delta, finish_reason = finishReason } },
        usage,
    });

    private static async Task WriteEventAsync(HttpContext context, string json)
    {
        await context.Response.WriteAsync("data: " + json + "\n\n");
        await context.Response.Body.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
