namespace PaperBot.Core.Digest;

/// <summary>One paper in a digest: its id (to ask about it), title, two-sentence summary and link where known.</summary>
public sealed record DigestItem(
    string PaperId,
    string Title,
    string Summary,
    string? Link,
    int? Upvotes,
    string? Date,
    IReadOnlyList<string> MatchedKeywords);
