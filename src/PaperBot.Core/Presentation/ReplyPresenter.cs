using System.Text.RegularExpressions;
using PaperBot.Core.Answering;
using PaperBot.Core.Chat;

namespace PaperBot.Core.Presentation;

/// <summary>
/// Turns a <see cref="ChatReply"/> into the <see cref="ReplyPresentation"/> every channel draws, behind
/// <see cref="ChatReply.Present"/>. Blocks an answerer
/// laid out itself (<see cref="Answer.Blocks"/>, <see cref="ChatReply.Blocks"/>) are used as they are; otherwise the
/// layout is read off the cited sentences: a lead line and one cited line per paper is a list, one paper per
/// sentence over several papers is a list whose lines say why each paper is there, two such papers for "compare A
/// and B" are two columns, anything else is prose with its sources.
/// </summary>
internal static partial class ReplyPresenter
{
    public static ReplyPresentation Present(ChatReply reply)
    {
        var blocks = reply.Blocks ?? Derive(reply);
        return new ReplyPresentation
        {
            Kind = reply.Kind,
            Heading = reply.Heading,
            Blocks = blocks,
            Sources = reply.Sources,
            Footer = string.IsNullOrWhiteSpace(reply.Footer) ? null : reply.Footer.Trim(),
            Actions = ActionsFor(reply.Kind, blocks, reply.Sources),
        };
    }

    private static IReadOnlyList<ReplyBlock> Derive(ChatReply reply)
    {
        var body = reply.Body.Where(s => !string.IsNullOrWhiteSpace(s.Text)).ToList();
        var byNumber = reply.Sources.GroupBy(c => c.N).ToDictionary(g => g.Key, g => g.First());
        switch (reply.Kind)
        {
            case ReplyKind.Help:
                return body.Count == 0 ? [] : [new ProseBlock(body, LinePerSentence: true)];
            case ReplyKind.SearchResults:
            case ReplyKind.PaperDetails when body.Count == 0:
                return reply.Sources.Count == 0
                    ? (body.Count == 0 ? [] : [new ProseBlock(body, LinePerSentence: true)])
                    : [new PaperListBlock(null, reply.Sources.Select(c => Item(c, null)).ToList())];
            case ReplyKind.PaperDetails:
                return [new ProseBlock(body, LinePerSentence: true)];
        }
        if (body.Count == 0)
        {
            return [];
        }
        var leadCount = LeadCount(body, reply.Answer);
        if (IsLeadThenList(body, reply.Answer, leadCount) && body.Skip(leadCount).Where(s => s.Citations.Count > 0).All(s => s.Citations.Count == 1 && byNumber.ContainsKey(s.Citations[0])))
        {
            var cited = body.Skip(leadCount).Where(s => s.Citations.Count > 0).ToList();
            var closing = body.Count - leadCount > cited.Count ? body[^1].Text : null;
            var items = cited.Select(s => Item(byNumber[s.Citations[0]], WhyFrom(s.Text, byNumber[s.Citations[0]]))).ToList();
            var lead = string.Join(" ", body.Take(leadCount).Select(s => s.Text.Trim()));
            return [new PaperListBlock(lead, items, closing)];
        }
        if (reply.Answer is { Abstained: false, Basis: AnswerBasis.Abstracts or AnswerBasis.Metadata or AnswerBasis.MetadataAndAbstracts } answer
            && body.All(s => s.Citations.Count == 1 && byNumber.ContainsKey(s.Citations[0])))
        {
            var perPaper = body.GroupBy(s => s.Citations[0]).OrderBy(g => g.Key).ToList();
            if (perPaper.Count == 2 && AsksToCompare(answer.StandaloneQuestion ?? answer.Question))
            {
                return [new ComparisonBlock(Side(byNumber[perPaper[0].Key], perPaper[0].ToList()), Side(byNumber[perPaper[1].Key], perPaper[1].ToList()), [])];
            }
            if (perPaper.Count >= 2)
            {
                return [new PaperListBlock(null, perPaper.Select(g => Item(byNumber[g.Key], string.Join(" ", g.Select(s => s.Text.Trim())))).ToList())];
            }
        }
        return [new ProseBlock(body)];
    }

    /// <summary>
    /// The shape of a list: an uncited lead-in ("I found 31 papers dated 2024:") and one cited line per paper. A metadata
    /// answer may end with an uncited closing line ("…and 6 more; search to narrow it down."); a prose answer that ends
    /// uncited stays prose. Channels lay a list out one paper per line.
    /// </summary>
    private static bool IsLeadThenList(IReadOnlyList<AnswerSentence> body, Answer? answer, int leadCount)
    {
        var items = body.Count - leadCount;
        if (answer?.Basis == AnswerBasis.Metadata && body.Count > 2 && body[^1].Citations.Count == 0)
        {
            items--; // the closing line
        }
        return items >= 1 && body[0].Citations.Count == 0 && body.Skip(leadCount).Take(items).All(s => s.Citations.Count > 0);
    }

    /// <summary>
    /// How many uncited sentences open the list: one, or for a metadata answer up to three ("Peiyi Wang is the author on
    /// the most papers: 14 … Next: Damai Dai (13) … Peiyi Wang's papers:"), which read as one lead-in before the papers
    /// rather than as prose with the titles strung through it.
    /// </summary>
    private static int LeadCount(IReadOnlyList<AnswerSentence> body, Answer? answer)
    {
        var uncited = body.TakeWhile(s => s.Citations.Count == 0).Count();
        return answer?.Basis == AnswerBasis.Metadata && uncited is > 1 and <= 3 && uncited < body.Count ? uncited : 1;
    }

    /// <summary>Three actions for every paper the reply shows, in the order it shows them; none on help or problems.</summary>
    private static IReadOnlyList<PaperAction> ActionsFor(ReplyKind kind, IReadOnlyList<ReplyBlock> blocks, IReadOnlyList<Citation> sources)
    {
        if (kind is ReplyKind.Help or ReplyKind.Problem)
        {
            return [];
        }
        var papers = new List<(string Id, int? N)>();
        foreach (var block in blocks)
        {
            switch (block)
            {
                case PaperListBlock list:
                    papers.AddRange(list.Items.Select(i => (i.PaperId, (int?)i.N)));
                    break;
                case ComparisonBlock comparison:
                    papers.Add((comparison.Left.PaperId, comparison.Left.N));
                    papers.Add((comparison.Right.PaperId, comparison.Right.N));
                    break;
                case PaperDetailsBlock details:
                    // The abstract is already on screen: offer what comes next.
                    return [new PaperAction(PaperActionKind.Similar, details.PaperId, null), new PaperAction(PaperActionKind.AskAbout, details.PaperId, null)];
            }
        }
        papers.AddRange(sources.Select(c => (c.Id, (int?)c.N)));
        return papers
            .Where(p => PaperActionPayload.IsPaperId(p.Id))
            .DistinctBy(p => p.Id, StringComparer.Ordinal)
            .SelectMany(p => new[] { PaperActionKind.Abstract, PaperActionKind.Similar, PaperActionKind.AskAbout }.Select(k => new PaperAction(k, p.Id, p.N)))
            .ToList();
    }

    private static PaperListItem Item(Citation c, string? why) => new(c.N, c.Id, c.Title, c.Date, c.Url, why);

    private static ComparisonSide Side(Citation c, IReadOnlyList<AnswerSentence> sentences) => new(c.N, c.Id, c.Title, c.Date, c.Url)
    {
        Method = sentences.Count > 0 ? sentences[0].Text.Trim() : null,
        Result = sentences.Count > 1 ? string.Join(" ", sentences.Skip(1).Select(s => s.Text.Trim())) : null,
    };

    /// <summary>A metadata list line that only repeats the title (and date) says nothing the item does not.</summary>
    private static string? WhyFrom(string text, Citation c)
    {
        var t = text.Trim();
        if (c.Url is { } url)
        {
            // "Title (Nov 15, 2022; code: URL)": the item shows its link already.
            t = t.Replace($"; code: {url})", ")", StringComparison.Ordinal).Replace($" (code: {url})", "", StringComparison.Ordinal);
        }
        if (t == c.Title || t == $"{c.Title} ({c.Date})" || t.StartsWith(c.Title + " (", StringComparison.Ordinal) && t.EndsWith(')') && t.Length - c.Title.Length < 40)
        {
            return null;
        }
        return t;
    }

    private static bool AsksToCompare(string question) => CompareQuestion().IsMatch(question);

    [GeneratedRegex(@"\b(compare[sd]?|comparison|versus|vs\.?|differ(?:ence|s)?|contrast)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CompareQuestion();
}
