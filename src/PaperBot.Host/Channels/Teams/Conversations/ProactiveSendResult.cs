namespace PaperBot.Host.Channels.Teams.Conversations;

/// <summary>The outcome of one proactive post, for the caller (the digest) to report.</summary>
public sealed record ProactiveSendResult(string ConversationId, ProactiveSendStatus Status, string? Detail = null);
