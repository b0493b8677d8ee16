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
                .Select(m => (m.GetProperty("role").GetString() ?? "", m.TryGetProperty("content", out var c) ? ContentOf(c) : ""))
                .ToList();

        /// <summary>The function names offered in <c>tools</c>; empty when none were.</summary>
        public IReadOnlyList<string> ToolNames => request.Json.TryGetProperty("tools", out var tools)
            ? tools.EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString() ?? "").ToList()
            : [];

        /// <summary>The results of earlier function calls the client sends back (role <c>tool</c>), in order.</summary>
        public IReadOnlyList<string> ToolResults => request.Messages.Where(m => m.Role == "tool").Select(m => m.Content).ToList();

        public string System => request.Messages.First(m => m.Role == "system").Content;

        public string User => request.Messages.Last(m => m.Role == "user").Content;

        public bool Streamed => request.Json.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
    }

    // An assistant message that only calls functions has null content.
    private static string ContentOf(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString() ?? "",
        JsonValueKind.Array => string.Concat(content.EnumerateArray().Select(part => part.TryGetProperty("text", out var t) ? t.GetString() : "")),
        _ => "",
    };
}
