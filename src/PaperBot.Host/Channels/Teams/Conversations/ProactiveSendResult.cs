namespace PaperBot.Host.Channels.Teams.Conversations;

/// <summary>The outcome of one proactive post, for the caller (the digest) to report; the new activity's id when sent.</summary>
public sealed record ProactiveSendResult(string ConversationId, ProactiveSendStatus Status, string? Detail = null, string? ActivityId = null);
