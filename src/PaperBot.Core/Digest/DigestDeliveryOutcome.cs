namespace PaperBot.Core.Digest;

/// <summary>What one pass did with one subscription's digest.</summary>
public enum DigestDeliveryOutcome
{
    /// <summary>Every part posted.</summary>
    Sent,
    /// <summary>Nothing new; nothing posted (Digest:PostWhenEmpty is off).</summary>
    Empty,
    /// <summary>Not posted this time; tried again at the entry's NextAttemptAt.</summary>
    WillRetry,
    /// <summary>Interrupted while a part's POST was in flight; not re-sent, to avoid a duplicate. Its papers go into the next digest.</summary>
    InDoubt,
    /// <summary>Given up on this digest (content refused, attempts used up, no sender for the target kind).</summary>
    Failed,
    /// <summary>The target is gone; the subscription was deactivated.</summary>
    TargetGone,
    /// <summary>Another process holds the digest; left to it.</summary>
    Skipped,
}
