using PaperBot.Core.Answering;
using PaperBot.Core.Chat;

namespace PaperBot.Host.Web;

/// <summary>
/// A reply as the page draws it: the channel-neutral <see cref="ChatReply"/> plus what the answer rests on, how the
/// body is laid out, and, for a follow-up, the question it was taken as. All text is plain; the page escapes it.
/// </summary>
public sealed record WebReply(
    string Kind,
    string? Heading,
    string Layout,
    IReadOnlyList<AnswerSentence> Body,
    IReadOnlyList<Citation> Sources,
    string? Footer,
    string Basis,
    string? BasisLine,
    string? Note,
    string? Mode,
    string? TakenAs,
    bool Abstained)
{
    public static WebReply From(ChatReply reply)
    {
        var answer = reply.Answer;
        var layout = reply.Kind switch
        {
            ReplyKind.Answer or ReplyKind.Problem => reply.IsLeadThenList(reply.Body) ? "list" : "prose",
            _ => "lines",
        };
        return new WebReply(
            reply.Kind switch
            {
                ReplyKind.Answer => "answer",
                ReplyKind.SearchResults => "search",
                ReplyKind.PaperDetails => "paper",
                ReplyKind.Help => "help",
                _ => "problem",
            },
            reply.Heading,
            layout,
            reply.Body,
            reply.Sources.Select(c => c with { Url = SafeLink(c.Url) }).ToList(),
            answer is null ? reply.Footer : null, // an answer's footer is its note and basis, given apart below
            answer?.Basis switch
            {
                AnswerBasis.Abstracts => "abstracts",
                AnswerBasis.Metadata => "metadata",
                AnswerBasis.FullTextNeeded => "full-text-needed",
                null => "none",
                _ => answer.Abstained ? "abstained" : "none",
            },
            answer?.BasisLine is { Length: > 0 } line ? line : null,
            answer?.Note,
            answer?.Mode,
            answer?.StandaloneQuestion,
            answer?.Abstained ?? false);
    }

    /// <summary>Listing text is untrusted: only http(s) links become clickable, never javascript: or data:.</summary>
    public static string? SafeLink(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri.AbsoluteUri : null;
}
