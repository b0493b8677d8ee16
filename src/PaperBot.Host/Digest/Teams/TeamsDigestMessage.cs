namespace PaperBot.Host.Digest.Teams;

/// <summary>One Teams message of a digest: markdown text (send with <c>textFormat: "markdown"</c>), under the 28 KB budget.</summary>
public sealed record TeamsDigestMessage(string Text);
