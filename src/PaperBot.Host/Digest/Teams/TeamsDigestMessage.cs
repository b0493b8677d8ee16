namespace PaperBot.Host.Digest.Teams;

/// <summary>One Teams message of a digest: markdown text (send with <c>textFormat: "markdown"</c>), under the 28 KB budget.</summary>
public sealed record TeamsDigestMessage(string Text)
{
    /// <summary>The same part as an Adaptive Card with each paper's buttons; sent in place of the text when present,
    /// with the text's first line as the notification summary.</summary>
    public System.Text.Json.Nodes.JsonObject? Card { get; init; }
}
