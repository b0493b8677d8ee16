using System.Text.Json;

namespace PaperBot.Tests.Llm;

/// <summary>What the loopback chat-completions server answers to one request.</summary>
public sealed record ScriptedReply
{
    public int Status { get; init; } = 200;
    public string Body { get; init; } = "";
    public string ContentType { get; init; } = "application/json";
    public TimeSpan Delay { get; init; }
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    /// <summary>When set (and the request asked for stream=true), sent as server-sent events, one chunk per event.</summary>
    public IReadOnlyList<string>? StreamChunks { get; init; }

    /// <summary>A chat completion in the OpenAI wire format, with usage figures.</summary>
    public static ScriptedReply Completion(string content, int promptTokens = 321, int completionTokens = 45) => new()
    {
        Body = JsonSerializer.Serialize(new
        {
            id = "chatcmpl-test",
            @object = "chat.completion",
            created = 1_700_000_000,
            model = "test-model",
            choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
            usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
        }),
        // Split into small pieces for streamed requests, so sentence assembly across chunks is exercised.
        StreamChunks = Pieces(content, 7),
    };

    public static ScriptedReply Error(int status, string? retryAfter = null) => new()
    {
        Status = status,
        Body = """{"error":{"message":"scripted failure","type":"server_error"}}""",
        Headers = retryAfter is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Retry-After"] = retryAfter },
    };

    private static List<string> Pieces(string text, int size)
    {
        var pieces = new List<string>();
        for (var i = 0; i < text.Length; i += size)
        {
            pieces.Add(text.Substring(i, Math.Min(size, text.Length - i)));
        }
        return pieces;
    }
}
