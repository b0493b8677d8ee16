using System.Text;
using PaperBot.Core.Answering;

namespace PaperBot.Core.Presentation;

/// <summary>
/// The terminal's drawing of a <see cref="ReplyPresentation"/> (and the fallback text of rich messages): prose as a
/// paragraph, a list one paper per line with why it is there indented under it, a comparison as two short blocks,
/// then only the sources no block showed, then the footer. Actions are buttons elsewhere; here the footer already
/// says what to type.
/// </summary>
public static class PlainTextRenderer
{
    public static string Render(ReplyPresentation reply)
    {
        var sb = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(reply.Heading))
        {
            sb.AppendLine(reply.Heading.Trim());
        }
        foreach (var block in reply.Blocks)
        {
            if (sb.Length > 0)
            {
                sb.AppendLine();
            }
            switch (block)
            {
                case ProseBlock prose when prose.LinePerSentence:
                    foreach (var s in prose.Sentences)
                    {
                        sb.AppendLine(s.Render());
                    }
                    break;
                case ProseBlock prose:
                    sb.AppendLine(string.Join(" ", prose.Sentences.Select(s => s.Render())));
                    break;
                case PaperListBlock list:
                    if (!string.IsNullOrWhiteSpace(list.Lead))
                    {
                        sb.AppendLine(list.Lead.Trim());
                    }
                    foreach (var item in list.Items)
                    {
                        sb.AppendLine(ItemLine(item.N, item.PaperId, item.Title, item.Date, item.Url, item.Facts));
                        if (!string.IsNullOrWhiteSpace(item.Why))
                        {
                            sb.Append("    ").AppendLine(item.Why.Trim());
                        }
                    }
                    if (!string.IsNullOrWhiteSpace(list.Closing))
                    {
                        sb.AppendLine(list.Closing.Trim());
                    }
                    break;
                case ComparisonBlock comparison:
                    if (!string.IsNullOrWhiteSpace(comparison.Lead))
                    {
                        sb.AppendLine(comparison.Lead.Trim()).AppendLine();
                    }
                    Side(sb, comparison.Left);
                    sb.AppendLine();
                    Side(sb, comparison.Right);
                    if (comparison.Shared.Count > 0)
                    {
                        sb.AppendLine().AppendLine(string.Join(" ", comparison.Shared.Select(s => s.Render())));
                    }
                    break;
                case PaperDetailsBlock details:
                    foreach (var fact in details.Facts)
                    {
                        sb.Append(fact.Label).Append(": ").AppendLine(fact.Value);
                    }
                    sb.AppendLine().AppendLine(details.Abstract.Trim());
                    break;
            }
        }
        var sources = reply.UnlistedSources;
        if (sources.Count > 0)
        {
            sb.AppendLine().AppendLine("Sources:");
            foreach (var c in sources)
            {
                sb.AppendLine(FormatSource(c));
            }
        }
        if (!string.IsNullOrWhiteSpace(reply.Footer))
        {
            sb.AppendLine().AppendLine(reply.Footer.Trim());
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>"[n] id — title (date) &lt;url&gt;".</summary>
    public static string FormatSource(Citation c)
    {
        var sb = new StringBuilder();
        sb.Append('[').Append(c.N).Append("] ").Append(c.Id).Append(" — ").Append(c.Title);
        if (c.Date is not null)
        {
            sb.Append(" (").Append(c.Date).Append(')');
        }
        if (c.Url is not null)
        {
            sb.Append(" <").Append(c.Url).Append('>');
        }
        return sb.ToString();
    }

    private static void Side(StringBuilder sb, ComparisonSide side)
    {
        sb.AppendLine(ItemLine(side.N, side.PaperId, side.Title, side.Date, side.Url, []));
        if (!string.IsNullOrWhiteSpace(side.Method))
        {
            sb.Append("    Method: ").AppendLine(side.Method.Trim());
        }
        if (!string.IsNullOrWhiteSpace(side.Result))
        {
            sb.Append("    Result: ").AppendLine(side.Result.Trim());
        }
    }

    /// <summary>"[n] title (date) — id · facts &lt;url&gt;": the title first, since a list is read by title.</summary>
    private static string ItemLine(int n, string id, string title, string? date, string? url, IReadOnlyList<string> facts)
    {
        var sb = new StringBuilder();
        sb.Append('[').Append(n).Append("] ").Append(title);
        if (date is not null)
        {
            sb.Append(" (").Append(date).Append(')');
        }
        sb.Append(" — ").Append(id);
        foreach (var fact in facts)
        {
            sb.Append(" · ").Append(fact);
        }
        if (url is not null)
        {
            sb.Append(" <").Append(url).Append('>');
        }
        return sb.ToString();
    }
}
