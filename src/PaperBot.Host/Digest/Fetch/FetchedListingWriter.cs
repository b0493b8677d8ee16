using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PaperBot.Host.Digest.Fetch;

/// <summary>
/// Writes fetched papers in the daily-papers listing format the ingest parser already reads (title, "Abstract:" line,
/// then "• N authors", "·", "Mon D, YYYY upvotes"), so fetched papers merge with listed ones by the same rules.
/// The link goes at the end of the abstract, where the parser finds links.
/// </summary>
public static partial class FetchedListingWriter
{
    public static string Write(IEnumerable<FetchedPaper> papers)
    {
        var sb = new StringBuilder();
        foreach (var p in papers)
        {
            var title = OneLine(p.Title);
            // A line of 250+ characters reads as an abstract to the parser; no real title is that long.
            title = title.Length > 240 ? title[..240] : title;
            var text = OneLine(p.Abstract);
            if (title.Length == 0 || text.Length == 0)
            {
                continue;
            }
            sb.Append(title).Append("\n\n");
            sb.Append("Abstract: ").Append(text);
            if (p.Link is not null)
            {
                sb.Append(" Paper page: ").Append(p.Link).Append(' ');
            }
            sb.Append("\n\n");
            if (p.Authors > 0)
            {
                sb.Append("  • ").Append(p.Authors.ToString(CultureInfo.InvariantCulture)).Append(p.Authors == 1 ? " author" : " authors").Append('\n');
            }
            if (p.Published is { } published)
            {
                sb.Append("·\n").Append(published.UtcDateTime.ToString("MMM d, yyyy", CultureInfo.InvariantCulture));
                if (p.Upvotes is { } upvotes)
                {
                    sb.Append(' ').Append(upvotes.ToString(CultureInfo.InvariantCulture));
                }
                sb.Append('\n');
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>API text has line breaks and runs of spaces; a listing record is one line each.</summary>
    private static string OneLine(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
