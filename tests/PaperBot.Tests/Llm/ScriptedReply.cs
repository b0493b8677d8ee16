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

    /// <summary>
    /// A chat completion in which the model asks for functions (OpenAI <c>tool_calls</c>, finish reason
    /// <c>tool_calls</c>); <paramref name="calls"/> are the function names as sent on the wire (Semantic Kernel's
    /// "plugin-function") and their arguments as raw JSON text, which may be malformed on purpose.
    /// </summary>
    public static ScriptedReply ToolCalls(params (string Name, string Arguments)[] calls) => new()
    {
        Body = JsonSerializer.Serialize(new
        {
            id = "chatcmpl-test",
            @object = "chat.completion",
            created = 1_700_000_000,
            model = "test-model",
            choices = new[]
            {
                new
                {
                    index = 0,
                    message = new
                    {
                        role = "assistant",
                        content = (string?)null,
                        tool_calls = calls.Select((c, i) => new { id = $"call_{i + 1}", type = "function", function = new { name = c.Name, arguments = c.Arguments } }).ToArray(),
                    },
                    finish_reason = "tool_calls",
                },
            },
            usage = new { prompt_tokens = 200, completion_tokens = 20, total_tokens = 220 },
        }),
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
