namespace PaperBot.Core.Presentation;

/// <summary>
/// Papers as a list, one line each. A list answer *is* its sources: its items carry number, title, date and link,
/// and channels do not repeat them under "Sources". <paramref name="Lead"/> introduces it ("I found 13 papers with
/// Damai Dai as an author:"); <paramref name="Closing"/> ends it ("…and 6 more; search to narrow it down.").
/// </summary>
public sealed record PaperListBlock(string? Lead, IReadOnlyList<PaperListItem> Items, string? Closing = null) : ReplyBlock;
