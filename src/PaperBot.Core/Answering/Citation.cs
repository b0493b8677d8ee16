using PaperBot.Core.Papers;

namespace PaperBot.Core.Answering;

/// <summary>A numbered source of an answer: the paper behind every <c>[n]</c> marker.</summary>
public sealed record Citation(int N, string Id, string Title, string? Url, string? Date)
{
    /// <summary>The paper as source number <paramref name="n"/>.</summary>
    public static Citation For(Paper paper, int n) =>
        new(n, paper.Id, paper.Title, paper.PrimaryLink, paper.Date?.ToDisplay());

    /// <summary>The papers as sources [1], [2], … in the order given.</summary>
    public static IReadOnlyList<Citation> Numbered(IEnumerable<Paper> papers) =>
        papers.Select((p, i) => For(p, i + 1)).ToList();
}
