using System.Text.Json;

namespace PaperBot.Tests.Llm;

/// <summary>A request the loopback server received, as sent on the wire.</summary>
public sealed record RecordedRequest(string Method, string Path, string? Authorization, string? ApiKeyHeader, string Body, DateTimeOffset ReceivedAt)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public IReadOnlyList<(string Role, string Content)> Messages =>
        Json.GetProperty("messages").EnumerateArray()
            .Select(m => (m.GetProperty("role").GetString() ?? "", m.TryGetProperty("content", out var c) ? ContentOf(c) : ""))
            .ToList();

    /// <summary>The function names offered in <c>tools</c>; empty when none were.</summary>
    public IReadOnlyList<string> ToolNames => Json.TryGetProperty("tools", out var tools)
        ? tools.EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString() ?? "").ToList()
        : [];

    /// <summary>The results of earlier function calls the client sends back (role <c>tool</c>), in order.</summary>
    public IReadOnlyList<string> ToolResults => Messages.Where(m => m.Role == "tool").Select(m => m.Content).ToList();

    public string System => Messages.First(m => m.Role == "system").Content;

    public string User => Messages.Last(m => m.Role == "user").Content;

    public bool Streamed => Json.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;

    private static string ContentOf(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString() ?? "",
        JsonValueKind.Array => string.Concat(content.EnumerateArray().Select(part => part.TryGetProperty("text", out var t) ? t.GetString() : "")),
        _ => "",
    };
}
