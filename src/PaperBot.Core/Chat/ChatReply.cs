using PaperBot.Core.Answering;
using PaperBot.Core.Presentation;

namespace PaperBot.Core.Chat;

/// <summary>
/// A channel-neutral reply: an optional heading, body sentences each carrying its citation numbers, the numbered
/// sources and a footer line. Channels draw its <see cref="Present">presentation</see> (Discord embeds, Teams cards,
/// the terminal's text), never the raw sentences.
/// </summary>
public sealed record ChatReply
{
    public required ReplyKind Kind { get; init; }
    public string? Heading { get; init; }
    public IReadOnlyList<AnswerSentence> Body { get; init; } = [];
    public IReadOnlyList<Citation> Sources { get; init; } = [];
    /// <summary>What the reply rests on, or a one-line note (e.g. why an LLM answer fell back).</summary>
    public string? Footer { get; init; }
    /// <summary>How the body is laid out, when whoever built the reply decided (an answerer, the paper card, the
    /// digest); null lets <see cref="ReplyPresenter"/> read the layout off <see cref="Body"/> and <see cref="Sources"/>.</summary>
    public IReadOnlyList<ReplyBlock>? Blocks { get; init; }
    /// <summary>The answer this reply renders, when it renders one (for usage figures and JSON output).</summary>
    public Answer? Answer { get; init; }

    public static ChatReply Problem(string message) => new() { Kind = ReplyKind.Problem, Body = [new AnswerSentence(message, [])] };

    public static string FormatSource(Citation c) => PlainTextRenderer.FormatSource(c);

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

    /// <summary>The layout every channel draws: explicit <see cref="Blocks"/>, or read off the sentences.</summary>
    public ReplyPresentation Present() => ReplyPresenter.Present(this);

    /// <summary>Plain text for terminals and as the fallback text of rich messages.</summary>
    public string ToPlainText() => PlainTextRenderer.Render(Present());
}
