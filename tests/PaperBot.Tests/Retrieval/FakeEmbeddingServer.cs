using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace PaperBot.Tests.Retrieval;

/// <summary>
/// An OpenAI-compatible /v1/embeddings server on 127.0.0.1. Its "model" embeds a text by the concepts it mentions
/// (given as phrase lists), plus a small hashed bag of words, so a question worded unlike its paper can still
/// land next to it, as with a real embedding model. It records every input and the Authorization header.
/// </summary>
public sealed class FakeEmbeddingServer : IAsyncDisposable
{
    public const int Dimensions = 48;
    private readonly WebApplication _app;
    private readonly IReadOnlyList<string[]> _concepts;

    private FakeEmbeddingServer(WebApplication app, IReadOnlyList<string[]> concepts)
    {
        _app = app;
        _concepts = concepts;
    }

    public ConcurrentQueue<string> Inputs { get; } = new();

    public ConcurrentQueue<string?> Authorizations { get; } = new();

    public string BaseUrl { get; private set; } = "";

    public static async Task<FakeEmbeddingServer> StartAsync(IReadOnlyList<string[]> concepts)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeEmbeddingServer(app, concepts);
        app.MapPost("/v1/embeddings", async (HttpContext context) =>
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
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = address.TrimEnd('/') + "/v1";
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
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
