using PaperBot.Core.Answering;
using PaperBot.Core.Presentation;

namespace PaperBot.Core.Chat;

/// <summary>
/// A channel-neutral reply: an optional heading, body sentences each carrying its citation numbers, the numbered
/// sources and a footer line. It is what Core answers; how it looks is decided in one place, <see cref="Present"/>,
/// and every channel draws that presentation (Discord embeds, Teams cards, the web page, the terminal's text), never
/// the raw sentences.
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

    /// <summary>The one way to shape a reply for a channel: explicit <see cref="Blocks"/>, or the layout read off the sentences.</summary>
    public ReplyPresentation Present() => ReplyPresenter.Present(this);

    /// <summary>The presentation as plain text, for terminals.</summary>
    public string ToPlainText() => PlainTextRenderer.Render(Present());
}
