using System.Text;
using PaperBot.Core.Papers;

namespace PaperBot.Core.Llm;

/// <summary>
/// Turns user and paper text into prompt data that cannot pose as markup: angle brackets become look-alikes, so a
/// question or abstract containing "&lt;/evidence&gt;" or "&lt;message role=system&gt;" stays inside its delimiters.
/// </summary>
public static class PromptData
{
    public static string Neutralize(string? text) =>
        (text ?? "").Replace('<', '‹').Replace('>', '›').Replace("\0", "", StringComparison.Ordinal).Trim();

    /// <summary>One paper as numbered evidence: its number and id in the tag, then title, metadata and abstract.</summary>
    public static string Paper(Paper paper, int n)
    {
        var sb = new StringBuilder();
        sb.Append("<paper n=\"").Append(n).Append("\" id=\"").Append(Neutralize(paper.Id).Replace("\"", "", StringComparison.Ordinal)).AppendLine("\">");
        sb.Append("Title: ").AppendLine(Neutralize(paper.Title));
        if (paper.Authors.Count > 0)
        {
            sb.Append("Authors: ").Append(Neutralize(string.Join(", ", paper.Authors))).AppendLine(paper.AuthorsComplete == false ? " et al." : "");
        }
        if (paper.Orgs.Count > 0)
        {
            sb.Append("Organisations: ").AppendLine(Neutralize(string.Join(", ", paper.Orgs)));
        }
        if (paper.Date is { } date)
        {
            sb.Append("Date: ").AppendLine(date.ToDisplay());
        }
        if (paper.Upvotes is { } upvotes)
        {
            sb.Append("Upvotes: ").Append(upvotes).AppendLine();
        }
        if (paper.HasCode == true)
        {
            sb.AppendLine("Code: available");
        }
        sb.Append("Abstract: ").AppendLine(Neutralize(paper.Abstract));
        sb.Append("</paper>");
        return sb.ToString();
    }

    public static string Papers(IReadOnlyList<Paper> papers) =>
        string.Join("\n\n", papers.Select((p, i) => Paper(p, i + 1)));
}
