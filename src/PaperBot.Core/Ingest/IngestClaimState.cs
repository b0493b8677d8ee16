namespace PaperBot.Core.Ingest;

public enum IngestClaimState
{
    /// <summary>This replica holds the work now and should do it.</summary>
    Claimed,
    /// <summary>Another replica is doing it (its lease holds): leave it to that replica.</summary>
    HeldElsewhere,
    /// <summary>Some replica finished it: doing it again would ingest it twice.</summary>
    Finished,
    /// <summary>Some replica finished it with a failure that would happen again (an unreadable listing).</summary>
    Failed,
}
