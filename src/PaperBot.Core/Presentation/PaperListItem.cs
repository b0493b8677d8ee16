namespace PaperBot.Core.Presentation;

/// <summary>
/// One paper in a list: its citation number, id, title, date and link, why it is here where that helps (the
/// sentence saying what it does, a digest summary), and short facts ("12 upvotes", "matches agents").
/// </summary>
public sealed record PaperListItem(int N, string PaperId, string Title, string? Date, string? Url, string? Why = null)
{
    public IReadOnlyList<string> Facts { get; init; } = [];
}
