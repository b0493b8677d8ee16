using PaperBot.Core.Papers;

namespace PaperBot.Host.Web;

/// <summary>One paper for the page's paper view: what <c>paperbot paper ID</c> shows, as plain text fields.</summary>
public sealed record WebPaper(
    string Id,
    string Title,
    bool TitleDerived,
    string Abstract,
    IReadOnlyList<string> Authors,
    bool? AuthorsComplete,
    int? AuthorCount,
    IReadOnlyList<string> Orgs,
    string? Date,
    int? Upvotes,
    string? Category,
    double? Score,
    bool? HasCode,
    IReadOnlyList<string> Links,
    IReadOnlyList<PaperSource> Sources)
{
    public static WebPaper From(Paper paper) => new(
        paper.Id,
        paper.Title,
        paper.TitleDerived,
        paper.Abstract,
        paper.Authors,
        paper.AuthorsComplete,
        paper.AuthorCount,
        paper.Orgs,
        paper.Date?.ToDisplay(),
        paper.Upvotes,
        paper.Category,
        paper.Score,
        paper.HasCode,
        paper.Links.Select(WebReply.SafeLink).OfType<string>().ToList(),
        // A source recorded by its absolute path would show the server's folders to every visitor: name the file only.
        paper.Sources.Select(s => Path.IsPathRooted(s.File) ? s with { File = Path.GetFileName(s.File) } : s).ToList());
}
