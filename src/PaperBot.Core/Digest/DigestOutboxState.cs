namespace PaperBot.Core.Digest;

/// <summary>The life of one (subscription, period) digest in the outbox. Only Pending and Claimed are unfinished.</summary>
public enum DigestOutboxState
{
    /// <summary>Composed, waiting to be sent (or to be retried at NextAttemptAt).</summary>
    Pending,
    /// <summary>A process is sending it; if its lease runs out, another may take over.</summary>
    Claimed,
    /// <summary>Every part was posted.</summary>
    Sent,
    /// <summary>Nothing new and PostWhenEmpty off: the period is done, nothing posted.</summary>
    Empty,
    /// <summary>A part may or may not have been posted before an interruption; not re-sent, to avoid a duplicate.</summary>
    InDoubt,
    /// <summary>Gave up: target gone, content refused, no sender for the target kind, or attempts used up.</summary>
    Failed,
    /// <summary>The subscription was stopped before this digest went out.</summary>
    Cancelled,
}
