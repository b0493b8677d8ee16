using System.Text.Json;

namespace PaperBot.Tests.Llm;

/// <summary>What a recorded request to the fake model said, read as an OpenAI chat-completions body.</summary>
public static class ChatCompletionsRequest
{
    extension(RecordedRequest request)
    {
        public string? ApiKeyHeader => request.Header("api-key");

        public IReadOnlyList<(string Role, string Content)> Messages =>
            request.Json.GetProperty("messages").EnumerateArray()
                .Select(m => (m.GetProperty("role").GetString() ?? "", ContentOf(m.GetProperty("content"))))
                .ToList();

        public string System => request.Messages.First(m => m.Role == "system").Content;

        public string User => request.Messages.Last(m => m.Role == "user").Content;

        public bool Streamed => request.Json.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
    }

    private static string ContentOf(JsonElement content) => content.ValueKind == JsonValueKind.String
        ? content.GetString() ?? ""
        : string.Concat(content.EnumerateArray().Select(part => part.TryGetProperty("text", out var t) ? t.GetString() : ""));
}
