namespace PaperBot.Core.Digest;

/// <summary>
/// Who typed a digest command and where: the channel's own target (its kind and address, such as a Discord channel
/// id), the user, whether the channel adapter found the user to be an admin (each channel decides how), and how
/// commands are written there. Subscribing and unsubscribing need admin rights; status and preview do not.
/// </summary>
public sealed record DigestCommandContext(DigestTarget Target, string UserId, bool IsAdmin, IDigestCommandSyntax Syntax);
