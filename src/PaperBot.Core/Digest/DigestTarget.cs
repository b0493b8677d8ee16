namespace PaperBot.Core.Digest;

/// <summary>
/// A digest destination: an opaque <see cref="Kind"/> (the stable name stored in the database, such as
/// "discord-webhook") and an address only the channel that registered the kind understands. The channel validates
/// addresses and says how one is shown (<see cref="IDigestTargetKind"/>): an address may carry a secret.
/// </summary>
public sealed record DigestTarget(string Kind, string Address);
