using System.Text;
using PaperBot.Core.Answering;

namespace PaperBot.Core.Chat;

/// <summary>
/// A channel-neutral reply: an optional heading, body sentences each carrying its citation numbers, the numbered
/// sources and a footer line. Channel adapters render it (Discord embeds, Teams cards) and split it between
/// sentences when it is too long.
/// </summary>
public sealed record ChatReply
{
    public required ReplyKind Kind { get; init; }
    public string? Heading { get; init; }
    public IReadOnlyList<AnswerSentence> Body { get; init; } = [];
    public IReadOnlyList<Citation> Sources { get; init; } = [];
    /// <summary>What the reply rests on, or a one-line note (e.g. why an LLM answer fell back).</summary>
    public string? Footer { get; init; }
    /// <summary>The answer this reply renders, when it renders one (for usage figures and JSON output).</summary>
    public Answer? Answer { get; init; }

    public static ChatReply Problem(string message) => new() { Kind = ReplyKind.Problem, Body = [new AnswerSentence(message, [])] };

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

    /// <summary>
    /// The shape of a list: an uncited lead-in ("I found 31 papers dated 2024:") and one cited line per paper. A metadata
    /// answer may end with an uncited closing line ("…and 6 more; search to narrow it down."); a prose answer that ends
    /// uncited stays prose. Channels lay a list out one paper per line.
    /// </summary>
    public bool IsLeadThenList(IReadOnlyList<AnswerSentence> body)
    {
        var items = body.Count - 1;
        if (Answer?.Basis == AnswerBasis.Metadata && body.Count > 2 && body[^1].Citations.Count == 0)
        {
            items--; // the closing line
        }
        return items >= 1 && body[0].Citations.Count == 0 && body.Skip(1).Take(items).All(s => s.Citations.Count > 0);
    }

    /// <summary>Plain text for terminals and as the fallback text of rich messages.</summary>
    public string ToPlainText()
    {
        var sb = new StringBuilder();
        if (Heading is not null)
        {
            sb.AppendLine(Heading).AppendLine();
        }
        var paragraph = Kind is ReplyKind.Answer or ReplyKind.Problem;
        if (paragraph && IsLeadThenList(Body))
        {
            // A metadata list: a lead-in line, then one paper per line, then any closing line ("…and 6 more").
            sb.AppendLine(Body[0].Render());
            foreach (var s in Body.Skip(1))
            {
                sb.Append(s.Citations.Count > 0 ? "- " : "").AppendLine(s.Render());
            }
        }
        else if (paragraph)
        {
            sb.AppendLine(string.Join(" ", Body.Select(s => s.Render())));
        }
        else
        {
            foreach (var s in Body)
            {
                sb.AppendLine(s.Render());
            }
        }
        if (Sources.Count > 0)
        {
            sb.AppendLine().AppendLine("Sources:");
            foreach (var c in Sources)
            {
                sb.AppendLine(FormatSource(c));
            }
        }
        if (!string.IsNullOrEmpty(Footer))
        {
            sb.AppendLine().AppendLine(Footer);
        }
        return sb.ToString().TrimEnd();
    }
}
