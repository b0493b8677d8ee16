using System.Text.Json;

namespace PaperBot.Tests.Llm;

/// <summary>A request the loopback server received, as sent on the wire.</summary>
public sealed record RecordedRequest(string Method, string Path, string? Authorization, string? ApiKeyHeader, string Body, DateTimeOffset ReceivedAt)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public IReadOnlyList<(string Role, string Content)> Messages =>
        Json.GetProperty("messages").EnumerateArray()
            .Select(m => (m.GetProperty("role").GetString() ?? "", ContentOf(m.GetProperty("content"))))
            .ToList();

    public string System => Messages.First(m => m.Role == "system").Content;

    public string User => Messages.Last(m => m.Role == "user").Content;

    public bool Streamed => Json.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;

    private static string ContentOf(JsonElement content) => content.ValueKind == JsonValueKind.String
        ? content.GetString() ?? ""
        : string.Concat(content.EnumerateArray().Select(part => part.TryGetProperty("text", out var t) ? t.GetString() : ""));
}
