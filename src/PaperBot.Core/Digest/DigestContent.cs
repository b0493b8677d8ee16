namespace PaperBot.Core.Digest;

/// <summary>
/// A composed digest, channel-neutral. It is stored in the outbox as composed, so a resumed or retried delivery
/// sends exactly what was first composed; senders render it for their channel deterministically.
/// </summary>
public sealed record DigestContent(
    string Heading,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    int NewPapers,
    IReadOnlyList<DigestItem> Items,
    string Footer)
{
    /// <summary>The opening paragraph citing items by number ([1] = the first item), when an LLM wrote one.</summary>
    public string? Overview { get; init; }

    public bool IsEmpty => Items.Count == 0;
}
