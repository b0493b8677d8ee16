namespace PaperBot.Core.Presentation;

/// <summary>
/// One column of a comparison: the paper (number, id, title, date, link), what it does (<see cref="Method"/>) and
/// what it finds (<see cref="Result"/>). Either may be null when the abstract does not say; the text carries no [n]
/// mark, the column's number is <see cref="N"/>.
/// </summary>
public sealed record ComparisonSide(int N, string PaperId, string Title, string? Date, string? Url)
{
    public string? Method { get; init; }
    public string? Result { get; init; }
}
