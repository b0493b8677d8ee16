namespace PaperBot.Core.Digest;

/// <summary>What a subscribe request asks for, before it is checked and stored.</summary>
public sealed record NewDigestSubscription(
    DigestTarget Target,
    string? Cron,
    string? TimeZone,
    IReadOnlyList<string> Keywords,
    int MinUpvotes,
    int? MaxItems,
    string Origin,
    string? CreatedBy = null,
    string? ConfigName = null);
