using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PaperBot.Tests.Llm;

/// <summary>
/// An OpenAI-compatible chat-completions server on 127.0.0.1 (real Kestrel, real wire format): every request is
/// recorded, replies come from a script, stream=true gets server-sent events.
/// </summary>
public sealed class FakeChatCompletionsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private Func<RecordedRequest, int, ScriptedReply> _script = (_, _) => ScriptedReply.Completion("Nothing scripted [1].");

    private FakeChatCompletionsServer(WebApplication app) => _app = app;

    public static async Task<FakeChatCompletionsServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeChatCompletionsServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.RootUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = server.RootUrl + "/v1";
        return server;
    }

    /// <summary>http://127.0.0.1:PORT, for providers that add their own path (Azure OpenAI).</summary>
    public string RootUrl { get; private set; } = "";

    /// <summary>What to put in Llm:Endpoint for OpenAI-style providers.</summary>
    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToList();

    public int RequestCount => _requests.Count;

    /// <summary>Replies by request and its 1-based number.</summary>
    public void Script(Func<RecordedRequest, int, ScriptedReply> script) => _script = script;

    public void ReplyAlways(ScriptedReply reply) => _script = (_, _) => reply;

    /// <summary>Rewrite requests get <paramref name="rewrite"/>, answer requests <paramref name="answer"/>.</summary>
    public void ReplyByPrompt(ScriptedReply answer, ScriptedReply? rewrite = null) =>
        _script = (request, _) => request.System.Contains("standalone question", StringComparison.Ordinal) && rewrite is not null ? rewrite : answer;

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var recorded = new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString,
            context.Request.Headers.Authorization.ToString(), context.Request.Headers["api-key"].ToString(), body, DateTimeOffset.UtcNow);
        _requests.Enqueue(recorded);
        var reply = _script(recorded, _requests.Count);
        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
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
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
