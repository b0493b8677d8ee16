using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PaperBot.Tests.Digest;

/// <summary>
/// A loopback stand-in for Discord's "execute webhook" endpoint (<c>POST /api/webhooks/{id}/{token}</c>). It checks
/// what Discord checks (a content-bearing field, content ≤ 2000, ≤ 10 embeds, ≤ 6000 embed characters, title ≤ 256,
/// description ≤ 4096) and answers 400 with code 50035 like Discord; with <c>wait=true</c> it returns the saved
/// message, else 204. Scripted answers (429 with retry_after, 404 unknown webhook, 500, a hang) are taken in order.
/// </summary>
public sealed class FakeDiscordWebhookServer : IAsyncDisposable
{
    private LoopbackServer? _server;
    private readonly ConcurrentQueue<Scripted> _script = new();
    private readonly Func<DateTimeOffset> _clock;
    private long _nextId = 1_100_000_000_000_000_000;

    public enum Scripted { Ok, RateLimited, UnknownWebhook, InvalidToken, ServerError, Hang }

    public sealed record Received(string Path, string Query, JsonElement Body, DateTimeOffset At, int Status);

    private FakeDiscordWebhookServer(Func<DateTimeOffset> clock) => _clock = clock;

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Messages Discord would show in the channel: requests answered 200/204.</summary>
    public IReadOnlyList<Received> Posted => Requests.Where(r => r.Status is 200 or 204).ToList();

    public double RetryAfterSeconds { get; set; } = 0.5;

    /// <summary>Set when a scripted hang has received its request.</summary>
    public TaskCompletionSource HangReached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string BaseUrl { get; private set; } = "";

    public string WebhookUrl(string id = "123456", string token = "secret-token") => $"{BaseUrl}/api/webhooks/{id}/{token}";

    public void Script(params Scripted[] answers)
    {
        foreach (var a in answers)
        {
            _script.Enqueue(a);
        }
    }

    public static async Task<FakeDiscordWebhookServer> StartAsync(Func<DateTimeOffset>? clock = null)
    {
        var server = new FakeDiscordWebhookServer(clock ?? (() => DateTimeOffset.UtcNow));
        server._server = await LoopbackServer.StartAsync(app => app.MapPost("/api/webhooks/{id}/{token}", (HttpContext context) => server.HandleAsync(context)));
        server.BaseUrl = server._server.BaseUrl;
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync();
        JsonElement body;
        try
        {
            body = JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            await Answer(context, 400, new { code = 50109, message = "The request body contains invalid JSON." }, default);
            return;
        }
        var answer = _script.TryDequeue(out var next) ? next : Scripted.Ok;
        switch (answer)
        {
            case Scripted.Hang:
                Requests.Enqueue(new Received(context.Request.Path, context.Request.QueryString.Value ?? "", body, _clock(), 0));
                HangReached.TrySetResult();
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            case Scripted.RateLimited:
                context.Response.Headers["Retry-After"] = Math.Ceiling(RetryAfterSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.Response.Headers["X-RateLimit-Scope"] = "user";
                await Answer(context, 429, new { message = "You are being rate limited.", retry_after = RetryAfterSeconds, global = false }, body);
                return;
            case Scripted.UnknownWebhook:
                await Answer(context, 404, new { message = "Unknown Webhook", code = 10015 }, body);
                return;
            case Scripted.InvalidToken:
                await Answer(context, 401, new { message = "Invalid Webhook Token", code = 50027 }, body);
                return;
            case Scripted.ServerError:
                await Answer(context, 500, new { message = "Internal Server Error", code = 0 }, body);
                return;
        }
        if (Violation(body) is { } problem)
        {
            await Answer(context, 400, new { code = 50035, message = "Invalid Form Body", errors = problem }, body);
            return;
        }
        if (context.Request.Query["wait"] != "true")
        {
            Requests.Enqueue(new Received(context.Request.Path, context.Request.QueryString.Value ?? "", body, _clock(), 204));
            context.Response.StatusCode = 204;
            return;
        }
        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Answer(context, 200, new { id, type = 0, channel_id = "42", webhook_id = context.Request.RouteValues["id"], content = body.TryGetProperty("content", out var c) ? c.GetString() : "" }, body);
    }

    private async Task Answer(HttpContext context, int status, object payload, JsonElement body)
    {
        Requests.Enqueue(new Received(context.Request.Path, context.Request.QueryString.Value ?? "", body, _clock(), status));
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(payload);
    }

    private static string? Violation(JsonElement body)
    {
        var content = body.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "";
        var embeds = body.TryGetProperty("embeds", out var e) && e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().ToList() : [];
        if (content.Trim().Length == 0 && embeds.Count == 0)
        {
            return "Cannot send an empty message (50006)";
        }
        if (content.Length > 2000)
        {
            return "content: Must be 2000 or fewer in length.";
        }
        if (embeds.Count > 10)
        {
            return "embeds: Must be 10 or fewer in length.";
        }
        var total = 0;
        foreach (var embed in embeds)
        {
            var title = Text(embed, "title");
            var description = Text(embed, "description");
            var footer = embed.TryGetProperty("footer", out var f) ? Text(f, "text") : "";
            if (title.Length > 256 || description.Length > 4096 || footer.Length > 2048)
            {
                return "embed field too long";
            }
            total += title.Length + description.Length + footer.Length;
        }
        return total > 6000 ? "Embed size exceeds maximum size of 6000" : null;
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : "";

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
