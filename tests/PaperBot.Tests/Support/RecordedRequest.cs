using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace PaperBot.Tests.Support;

/// <summary>
/// A request a loopback fake received, as it was on the wire: method, raw target (path and query, escapes kept),
/// headers and body, the moment it arrived by the fake's clock, and the status the fake answered.
/// </summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset At)
{
    private JsonNode? node;
    private bool nodeParsed;

    /// <summary>The status the fake answered with; 0 while the request is still being handled.</summary>
    public int Status { get; init; }

    public string? Authorization => Header("Authorization");

    public string? UserAgent => Header("User-Agent");

    public string? ContentType => Header("Content-Type");

    /// <summary>A header's value, or null when it was absent or empty.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>The body as a JSON element (throws when it is not JSON, which is a failed test).</summary>
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>The body as a mutable JSON tree, parsed once, or null when it is not a JSON object.</summary>
    public JsonNode? Node
    {
        get
        {
            if (!nodeParsed)
            {
                node = Body.TrimStart().StartsWith('{') ? JsonNode.Parse(Body) : null;
                nodeParsed = true;
            }
            return node;
        }
    }

    /// <summary>Reads the whole request; <paramref name="path"/> replaces the raw target when a fake strips a prefix.</summary>
    public static async Task<RecordedRequest> ReadAsync(HttpContext context, TimeProvider time, string? path = null)
    {
        var target = path ?? context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString;
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in context.Request.Headers)
        {
            headers[name] = values.ToString();
        }
        return new RecordedRequest(context.Request.Method, target, headers, body, time.GetUtcNow());
    }
}
