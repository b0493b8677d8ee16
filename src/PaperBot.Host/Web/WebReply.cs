using PaperBot.Core.Answering;
using PaperBot.Core.Chat;
using PaperBot.Core.Presentation;

namespace PaperBot.Host.Web;

/// <summary>
/// A reply as the page draws it: the channel-neutral <see cref="ReplyPresentation"/> (blocks, sources, actions) plus
/// what the answer rests on and, for a follow-up, the question it was taken as. All text is plain; the page escapes
/// it and makes only http(s) links clickable.
/// </summary>
public sealed record WebReply(
    string Kind,
    string? Heading,
    IReadOnlyList<ReplyBlock> Blocks,
    IReadOnlyList<Citation> Sources,
    IReadOnlyList<Citation> UnlistedSources,
    IReadOnlyList<WebPaperActions> Actions,
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
        var presentation = reply.Present();
        var answer = reply.Answer;
        return new WebReply(
            reply.Kind switch
            {
                ReplyKind.Answer => "answer",
                ReplyKind.SearchResults => "search",
                ReplyKind.PaperDetails => "paper",
                ReplyKind.Help => "help",
                _ => "problem",
            },
            presentation.Heading,
            presentation.Blocks,
            presentation.Sources.Select(Safe).ToList(),
            presentation.UnlistedSources.Select(Safe).ToList(),
            presentation.ActionsByPaper
                .Select(g => new WebPaperActions(g.Key, g.Select(a => a.Kind.ToString()).ToList(), g.Select(a => PaperActionPayload.Encode(a)).ToList()))
                .ToList(),
            answer is null ? presentation.Footer : null, // an answer's footer is its note and basis, given apart below
            answer?.Basis switch
            {
                AnswerBasis.Abstracts => "abstracts",
                AnswerBasis.Metadata => "metadata",
                AnswerBasis.MetadataAndAbstracts => "metadata-and-abstracts",
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

    private static Citation Safe(Citation c) => c with { Url = SafeLink(c.Url) };

    /// <summary>Listing text is untrusted: only http(s) links become clickable, never javascript: or data:.</summary>
    public static string? SafeLink(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri.AbsoluteUri : null;
}
