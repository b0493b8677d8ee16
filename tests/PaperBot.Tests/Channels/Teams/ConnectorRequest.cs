namespace PaperBot.Tests.Teams;

/// <summary>What a recorded request to the fake Bot Connector addressed: <c>…/v3/conversations/{id}/activities[/{replyToId}]</c>.</summary>
public static class ConnectorRequest
{
    private const string ConversationsMarker = "/v3/conversations/";

    extension(RecordedRequest request)
    {
        public bool IsConnectorCall => request.Path.Contains(ConversationsMarker, StringComparison.Ordinal);

        /// <summary>The conversation id from the URL, unescaped; null for other calls.</summary>
        public string? ConversationId => Segments(request) is { Length: >= 1 } s ? Uri.UnescapeDataString(s[0]) : null;

        /// <summary>The activity replied to (the last URL segment), or null for a plain send.</summary>
        public string? ReplyToId => Segments(request) is { Length: >= 3 } s ? Uri.UnescapeDataString(s[2]) : null;

        /// <summary>The escaped conversation segment exactly as it was on the wire.</summary>
        public string? RawConversationSegment => Segments(request) is { Length: >= 1 } s ? s[0] : null;

        public string? ActivityType => request.Node?["type"]?.GetValue<string>();
    }

    private static string[]? Segments(RecordedRequest request)
    {
        var at = request.Path.IndexOf(ConversationsMarker, StringComparison.Ordinal);
        return at < 0 ? null : request.Path[(at + ConversationsMarker.Length)..].Split('?')[0].Split('/');
    }
}
