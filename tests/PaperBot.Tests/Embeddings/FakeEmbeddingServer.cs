using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PaperBot.Tests.Retrieval;

/// <summary>
/// An OpenAI-compatible /v1/embeddings server on 127.0.0.1. Its "model" embeds a text by the concepts it mentions
/// (given as phrase lists), plus a small hashed bag of words, so a question worded unlike its paper can still
/// land next to it, as with a real embedding model. It records every input and the Authorization header.
/// </summary>
public sealed class FakeEmbeddingServer : IAsyncDisposable
{
    public const int Dimensions = 48;
    private readonly IReadOnlyList<string[]> _concepts;
    private LoopbackServer? _server;

    private FakeEmbeddingServer(IReadOnlyList<string[]> concepts) => _concepts = concepts;

    public ConcurrentQueue<string> Inputs { get; } = new();

    public ConcurrentQueue<string?> Authorizations { get; } = new();

    public string BaseUrl { get; private set; } = "";

    public static async Task<FakeEmbeddingServer> StartAsync(IReadOnlyList<string[]> concepts)
    {
        var server = new FakeEmbeddingServer(concepts);
        server._server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/embeddings", async (HttpContext context) =>
        {
            server.Authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var inputs = body.RootElement.GetProperty("input").EnumerateArray().Select(e => e.GetString() ?? "").ToList();
            foreach (var input in inputs)
            {
                server.Inputs.Enqueue(input);
            }
            return Results.Json(new
            {
                @object = "list",
                model = body.RootElement.GetProperty("model").GetString(),
                data = inputs.Select((text, i) => new { @object = "embedding", index = i, embedding = server.Embed(text) }),
                usage = new { prompt_tokens = 1, total_tokens = 1 },
            });
        }));
        server.BaseUrl = server._server.BaseUrl + "/v1";
        return server;
    }

    private float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        var lower = text.ToLowerInvariant();
        for (var c = 0; c < _concepts.Count; c++)
        {
            if (_concepts[c].Any(phrase => lower.Contains(phrase, StringComparison.Ordinal)))
            {
                vector[c] = 5f;
            }
        }
        foreach (var word in lower.Split([' ', ',', '.', '?', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
        {
            vector[_concepts.Count + (int)((uint)word.GetHashCode(StringComparison.Ordinal) % (uint)(Dimensions - _concepts.Count))] += 0.1f;
        }
        return vector;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
