using System.Text.Json.Nodes;

namespace PaperBot.Tests.Teams;

/// <summary>One request the fake connector received, as it arrived (raw target, header, body).</summary>
public sealed record RecordedRequest(string Method, string RawTarget, string? Authorization, string Body, DateTimeOffset At, int AnsweredStatus)
{
    private const string ConversationsMarker = "/v3/conversations/";

    public JsonNode? Json => Body.Length > 0 && Body.TrimStart().StartsWith('{') ? JsonNode.Parse(Body) : null;

    public bool IsConnectorCall => RawTarget.Contains(ConversationsMarker, StringComparison.Ordinal);

    /// <summary>The conversation id from the URL, unescaped; null for other calls.</summary>
    public string? ConversationId => Segments is { Length: >= 1 } s ? Uri.UnescapeDataString(s[0]) : null;

    /// <summary>The activity replied to (the last URL segment), or null for a plain send.</summary>
    public string? ReplyToId => Segments is { Length: >= 3 } s ? Uri.UnescapeDataString(s[2]) : null;

    /// <summary>The escaped conversation segment exactly as it was on the wire.</summary>
    public string? RawConversationSegment => Segments is { Length: >= 1 } s ? s[0] : null;

    public string? ActivityType => Json?["type"]?.GetValue<string>();

    private string[]? Segments
    {
        get
        {
            var at = RawTarget.IndexOf(ConversationsMarker, StringComparison.Ordinal);
            return at < 0 ? null : RawTarget[(at + ConversationsMarker.Length)..].Split('?')[0].Split('/');
        }
    }
}
