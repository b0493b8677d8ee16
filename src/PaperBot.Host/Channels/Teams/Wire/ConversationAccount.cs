namespace PaperBot.Host.Channels.Teams.Wire;

/// <summary>A conversation: <c>personal</c>, <c>groupChat</c> or <c>channel</c> (whose id carries <c>;messageid=</c> for a thread).</summary>
public sealed record ConversationAccount(string? Id, string? ConversationType = null, string? TenantId = null, bool? IsGroup = null, string? Name = null);
