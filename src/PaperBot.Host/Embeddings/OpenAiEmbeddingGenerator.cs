using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

using PaperBot.Core.Embeddings;

namespace PaperBot.Host.Embeddings;

/// <summary>
/// An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over the OpenAI embeddings wire format, which OpenAI,
/// Azure OpenAI (deployment URL and api-key header) and OpenAI-compatible servers such as Ollama all speak.
/// The HttpClient comes from IHttpClientFactory with the host's resilience layer (retries honour Retry-After).
/// </summary>
public sealed class OpenAiEmbeddingGenerator(IHttpClientFactory httpClients, IOptions<EmbeddingOptions> configured) : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The named HttpClient the host configures with the resilience layer and the timeout.</summary>
    public const string HttpClientName = "PaperBot.Embeddings";

    private readonly EmbeddingOptions _options = configured.Value;

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = values.ToList();
        if (inputs.Count == 0)
        {
            return [];
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, RequestUri())
        {
            Content = JsonContent.Create(new EmbeddingRequest(inputs, _options.Model!)),
        };
        if (!string.IsNullOrEmpty(_options.ApiKey))
        {
            if (_options.Provider == EmbeddingProvider.AzureOpenAI)
            {
                request.Headers.Add("api-key", _options.ApiKey);
            }
            else
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _options.ApiKey);
            }
        }
        var http = httpClients.CreateClient(HttpClientName);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"The embedding service answered {(int)response.StatusCode}: {Shorten(body)}", null, response.StatusCode);
        }
        var parsed = await response.Content.ReadFromJsonAsync<EmbeddingResponse>(cancellationToken)
            ?? throw new InvalidDataException("The embedding service sent an empty body.");
        if (parsed.Data.Count != inputs.Count)
        {
            throw new InvalidDataException($"Asked for {inputs.Count} embeddings, got {parsed.Data.Count}.");
        }
        var result = new GeneratedEmbeddings<Embedding<float>>(parsed.Data.OrderBy(d => d.Index).Select(d => new Embedding<float>(d.Embedding) { ModelId = parsed.Model ?? _options.Model }));
        return result;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata)
            ? new EmbeddingGeneratorMetadata(_options.Provider.ToString(), _options.BaseUri, _options.Model)
            : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private Uri RequestUri() => _options.Provider == EmbeddingProvider.AzureOpenAI
        ? new Uri(_options.BaseUri, $"openai/deployments/{Uri.EscapeDataString(_options.Model!)}/embeddings?api-version={Uri.EscapeDataString(_options.AzureApiVersion)}")
        : new Uri(_options.BaseUri, "embeddings");

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private sealed record EmbeddingRequest(
        [property: JsonPropertyName("input")] IReadOnlyList<string> Input,
        [property: JsonPropertyName("model")] string Model);

    private sealed record EmbeddingResponse(
        [property: JsonPropertyName("data")] IReadOnlyList<EmbeddingItem> Data,
        [property: JsonPropertyName("model")] string? Model);

    private sealed record EmbeddingItem(
        [property: JsonPropertyName("index")] int Index,
        [property: JsonPropertyName("embedding")] float[] Embedding);
}
