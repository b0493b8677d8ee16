namespace PaperBot.Core.Digest;

/// <summary>
/// Delivers digests to one kind of target. A digest is rendered into one or more parts (channel limits), and each
/// part is sent on its own so a resumed delivery continues where it stopped. Rendering must be deterministic:
/// the same content always gives the same parts.
/// </summary>
/// <remarks>
/// Outcomes: return normally once the part is posted. Throw <see cref="DigestTargetGoneException"/> when the target
/// no longer exists or refuses us for good (the subscription is deactivated), <see cref="DigestNotPostedException"/>
/// when the part was certainly not posted (retried later), and anything else when the outcome is unknown (a timeout
/// after the request was sent): the part is then "in doubt" and re-sent only when <see cref="ResendsSafely"/>.
/// </remarks>
public interface IDigestSender
{
    /// <summary>The <see cref="IDigestTargetKind.Name"/> of the targets this sender posts to.</summary>
    string Kind { get; }

    /// <summary>True when re-sending a part with the same idempotency key cannot post it twice (e.g. a Discord nonce).</summary>
    bool ResendsSafely { get; }

    int CountParts(DigestContent content);

    /// <summary>Posts part <paramref name="part"/> (0-based); returns the posted message's id when the channel gives one.</summary>
    Task<string?> SendPartAsync(string address, DigestContent content, int part, string idempotencyKey, CancellationToken cancellationToken);
}
