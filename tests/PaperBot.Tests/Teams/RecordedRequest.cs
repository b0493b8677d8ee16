using System.Text.Json.Nodes;

namespace PaperBot.Tests.Teams;

/// <summary>One request the fake connector received, as it arrived (raw target, header, body).</summary>
public sealed record RecordedRequest(string Method, string RawTarget, string? Authorization, string Body, DateTimeOffset At, int AnsweredStatus)
{
    private const string ConversationsMarker = "/v3/conversations/";

    private JsonNode? _json;
    private bool _jsonParsed;
    private string[]? _segments;
    private bool _segmentsParsed;

    /// <summary>The body as JSON (parsed once: tests and the benchmark poll these records often).</summary>
    public JsonNode? Json
    {
        get
        {
            if (!_jsonParsed)
            {
                _json = Body.Length > 0 && Body.TrimStart().StartsWith('{') ? JsonNode.Parse(Body) : null;
                _jsonParsed = true;
            }
            return _json;
        }
    }

    public bool IsConnectorCall => RawTarget.Contains(ConversationsMarker, StringComparison.Ordinal);

    /// <summary>The conversation id from the URL, unescaped; null for other calls.</summary>
    public string? ConversationId => Segments is { Length: >= 1 } s ? Uri.UnescapeDataString(s[0]) : null;

    /// <summary>The activity replied to (the last URL segment), or null for a plain send.</summary>
    public string? ReplyToId => Segments is { Length: >= 3 } s ? Uri.UnescapeDataString(s[2]) : null;

    /// <summary>The escaped conversation segment exactly as it was on the wire.</summary>
    public string? RawConversationSegment => Segments is { Length: >= 1 } s ? s[0] : null;

    public string? ActivityType => _activityType ??= ReadType();

    private string? _activityType;

    private string? ReadType()
    {
        if (Body.Length == 0 || !Body.TrimStart().StartsWith('{'))
        {
            return null;
        }
        using var document = System.Text.Json.JsonDocument.Parse(Body);
        return document.RootElement.TryGetProperty("type", out var type) ? type.GetString() : null;
    }

    private string[]? Segments
    {
        get
        {
            if (!_segmentsParsed)
            {
                var at = RawTarget.IndexOf(ConversationsMarker, StringComparison.Ordinal);
                _segments = at < 0 ? null : RawTarget[(at + ConversationsMarker.Length)..].Split('?')[0].Split('/');
                _segmentsParsed = true;
            }
            return _segments;
        }
    }
}
