namespace PaperBot.Core.Digest;

/// <summary>
/// Who typed a /digest command and where: the channel's target (a Discord channel id or a Teams conversation id),
/// the user, and whether the channel adapter found the user to be an admin (Discord: MANAGE_GUILD or
/// ADMINISTRATOR in the interaction's member permissions; Teams: as the adapter decides). Subscribing and
/// unsubscribing need admin rights; status and preview do not.
/// </summary>
public sealed record DigestCommandContext(DigestTargetKind Kind, string Address, string UserId, bool IsAdmin);
