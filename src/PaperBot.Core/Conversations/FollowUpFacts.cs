using Microsoft.Extensions.Options;
using PaperBot.Core.Answering;
using PaperBot.Core.Papers;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Storage;

namespace PaperBot.Core.Conversations;

/// <summary>
/// Answers follow-ups about metadata (authors, dates, organisations, links, newer work) straight from the
/// database, in both modes: a model could only get them wrong.
/// </summary>
public sealed class FollowUpFacts(PaperSearcher searcher, PaperStore store, IOptions<AnsweringOptions> answering)
{
    // "Anything newer?" wants a few leads, newest first, not a reading list.
    private const int MaxNewer = 5;

    // Papers like the referenced ones, searched before the date filter: most of a short ranking is older work.
    private const int NewerCandidates = 30;

    // Newer work is looked for more widely than an answer's evidence (half its RelativeScoreCut): the follow-up asks
    // for related leads after a date, not for the papers that answer a question.
    private const double NewerScoreShare = 0.5;

    public Answer Answer(ResolvedFollowUp followUp)
    {
        var papers = followUp.Papers;
        switch (followUp.Aspect)
        {
            case FollowUpAspect.NewerWork:
                return Newer(followUp);
            case FollowUpAspect.WhichHaveCode:
                return WithCode(followUp);
            case FollowUpAspect.Newest or FollowUpAspect.Oldest:
                return ByDate(followUp, newestFirst: followUp.Aspect == FollowUpAspect.Newest);
            case FollowUpAspect.MostUpvoted:
                return ByUpvotes(followUp);
            case FollowUpAspect.FromWhom:
                return FromWhom(followUp);
        }
        var sentences = papers.Select((p, i) => new AnswerSentence(Fact(p, followUp.Aspect), [i + 1])).ToList();
        return new Answer
        {
            Question = followUp.StandaloneQuestion,
            Sentences = sentences,
            Citations = Citation.Numbered(papers),
            Basis = AnswerBasis.Metadata,
            PapersSearched = store.CountPapers(),
        };
    }

    private static string Fact(Paper p, FollowUpAspect aspect) => aspect switch
    {
        FollowUpAspect.Authors when p.Authors.Count > 0 =>
            $"{p.Title} is by {JoinNames(p.Authors)}{(p.AuthorsComplete == false ? " et al" : "")}.",
        FollowUpAspect.Authors when p.AuthorCount is { } n => $"The listings give {p.Title} {n} authors but not their names.",
        FollowUpAspect.Authors => $"The listings do not name the authors of {p.Title}.",
        FollowUpAspect.Date when p.Date is { } d => $"{p.Title} is listed with the date {d.ToDisplay()}.",
        FollowUpAspect.Date => $"None of the listings of {p.Title} gives a date.",
        FollowUpAspect.Organisations when p.Orgs.Count > 0 => $"{p.Title} is from {JoinNames(p.Orgs)}.",
        FollowUpAspect.Organisations => $"The listings of {p.Title} name no organisation.",
        FollowUpAspect.Links when p.Links.Count > 0 => $"{p.Title}: {string.Join(" ", p.Links)}" + (p.HasCode == true ? " (code available)." : ""),
        _ => $"The listings of {p.Title} give no link.",
    };

    /// <summary>"Which of these has code?": the referenced papers whose listing marks code or links a code host, each with
    /// its link, and how many of the others list none; "None of these N lists code" when none does.</summary>
    private Answer WithCode(ResolvedFollowUp followUp)
    {
        var papers = followUp.Papers;
        var withCode = papers.Where(HasCode).ToList();
        if (withCode.Count == 0)
        {
            return Selected(followUp, $"None of these {papers.Count} papers lists code in its listing.", [], null);
        }
        var heading = withCode.Count == papers.Count
            ? $"All {papers.Count} of these papers list code:"
            : $"{withCode.Count} of these {papers.Count} papers {(withCode.Count == 1 ? "lists" : "list")} code:";
        var lines = withCode.Select(p => p.Links.Count > 0 ? $"{p.Title}: {CodeLink(p)}" : $"{p.Title} (marked as having code; the listing gives no link)").ToList();
        var rest = papers.Count - withCode.Count;
        return Selected(followUp, heading, withCode.Zip(lines).ToList(),
            rest == 0 ? null : rest == 1 ? "The other one lists none." : $"The other {rest} list none.");
    }

    /// <summary>The listing marks code, or one of its links is a code host.</summary>
    private static bool HasCode(Paper p) => p.HasCode == true || p.Links.Any(IsCodeHost);

    private static string CodeLink(Paper p) => p.Links.FirstOrDefault(IsCodeHost) ?? p.Links[0];

    private static bool IsCodeHost(string link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri)
        && (uri.Host.EndsWith("github.com", StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith("gitlab.com", StringComparison.OrdinalIgnoreCase)
            || uri.Host.EndsWith("bitbucket.org", StringComparison.OrdinalIgnoreCase));

    /// <summary>"Which of them is the newest / oldest?": the dated papers in that order, and how many the listings give no
    /// year for (their order cannot be told).</summary>
    private Answer ByDate(ResolvedFollowUp followUp, bool newestFirst)
    {
        var papers = followUp.Papers;
        var dated = papers.Where(p => p.Date is { YearKnown: true }).ToList();
        var ordered = (newestFirst ? dated.OrderByDescending(p => p.Date!.Value.SortKey) : dated.OrderBy(p => p.Date!.Value.SortKey)).ToList();
        var undated = papers.Count - dated.Count;
        var missing = undated == 0 ? null
            : undated == 1 ? "The listings give no year for the other one, so I cannot place it."
            : $"The listings give no year for the other {undated}, so I cannot place them.";
        if (ordered.Count == 0)
        {
            return Selected(followUp, $"The listings give no year for any of these {papers.Count} papers, so I cannot tell which is {(newestFirst ? "newest" : "oldest")}.", [], null);
        }
        var which = newestFirst ? "newest" : "oldest";
        var heading = ordered.Count == 1
            ? $"Only one of these {papers.Count} papers has a dated listing:"
            : $"The {which} of these is {ordered[0].Title} ({ordered[0].Date!.Value.ToDisplay()}). By listing date, {which} first:";
        return Selected(followUp, heading, ordered.Select(p => (p, $"{p.Title} ({p.Date!.Value.ToDisplay()})")).ToList(), missing);
    }

    /// <summary>"Which one has the most upvotes?": the papers with an upvote count, most first, and how many list none.</summary>
    private Answer ByUpvotes(ResolvedFollowUp followUp)
    {
        var papers = followUp.Papers;
        var counted = papers.Where(p => p.Upvotes is not null).OrderByDescending(p => p.Upvotes).ToList();
        if (counted.Count == 0)
        {
            return Selected(followUp, $"None of these {papers.Count} papers lists upvotes.", [], null);
        }
        var rest = papers.Count - counted.Count;
        var heading = counted.Count > 1 && counted[0].Upvotes == counted[1].Upvotes
            ? $"{string.Join(" and ", counted.TakeWhile(p => p.Upvotes == counted[0].Upvotes).Select(p => p.Title))} share the most upvotes ({counted[0].Upvotes}). By upvotes:"
            : $"{counted[0].Title} has the most upvotes ({counted[0].Upvotes}). By upvotes:";
        return Selected(followUp, heading, counted.Select(p => (p, $"{p.Title} ({p.Upvotes} upvotes)")).ToList(),
            rest == 0 ? null : rest == 1 ? "The other one lists no upvotes." : $"The other {rest} list no upvotes.");
    }

    /// <summary>"Which of these is from Microsoft?": the papers whose listed organisations or authors contain every word of
    /// the name asked (case and accents aside, "microsoft" finds "microsoft-research"), and how many of the others name
    /// no organisation or author at all, since those cannot be ruled in or out.</summary>
    private Answer FromWhom(ResolvedFollowUp followUp)
    {
        var papers = followUp.Papers;
        var who = followUp.Filter ?? "";
        var wanted = Text.Tokenizer.Words(who);
        bool Names(string name)
        {
            var words = Text.Tokenizer.Words(name);
            return wanted.Count > 0 && wanted.All(w => words.Contains(w) || words.Any(x => x.StartsWith(w, StringComparison.Ordinal) && w.Length >= 4));
        }
        var matched = papers.Select(p => (Paper: p, Names: p.Orgs.Concat(p.Authors).Where(Names).ToList())).Where(x => x.Names.Count > 0).ToList();
        var unknown = papers.Count(p => p.Orgs.Count == 0 && p.Authors.Count == 0 && !matched.Any(m => m.Paper.Id == p.Id));
        var closing = unknown == 0 ? null
            : unknown == papers.Count - matched.Count
                ? (unknown == 1 ? "The listing of the other one names no organisation or author." : $"The listings of the other {unknown} name no organisation or author.")
                : $"{unknown} of the others {(unknown == 1 ? "names" : "name")} no organisation or author in {(unknown == 1 ? "its listing" : "their listings")}.";
        if (matched.Count == 0)
        {
            var open = unknown == 0 ? null
                : unknown == 1 ? "One of them names no organisation or author in its listing, so it cannot be ruled out."
                : $"{unknown} of them name no organisation or author in their listings, so they cannot be ruled out.";
            return Selected(followUp, $"None of these {papers.Count} papers lists {who} as an organisation or author.", [], open);
        }
        var heading = $"{matched.Count} of these {papers.Count} papers {(matched.Count == 1 ? "lists" : "list")} {who}:";
        return Selected(followUp, heading, matched.Select(m => (m.Paper, $"{m.Paper.Title}: listed with {string.Join(", ", m.Names.Distinct())}.")).ToList(), closing);
    }

    /// <summary>A heading, one cited line per chosen paper, and an uncited closing line about the rest.</summary>
    private Answer Selected(ResolvedFollowUp followUp, string heading, IReadOnlyList<(Paper Paper, string Line)> chosen, string? closing)
    {
        var sentences = new List<AnswerSentence> { new(heading, []) };
        sentences.AddRange(chosen.Select((c, i) => new AnswerSentence(c.Line, [i + 1])));
        if (closing is not null)
        {
            sentences.Add(new AnswerSentence(closing, []));
        }
        return new Answer
        {
            Question = followUp.StandaloneQuestion,
            Sentences = sentences,
            Citations = Citation.Numbered(chosen.Select(c => c.Paper).ToList()),
            Basis = AnswerBasis.Metadata,
            PapersSearched = store.CountPapers(),
        };
    }

    /// <summary>Papers like the referenced ones (by title and abstract) with a later listing date, newest first.</summary>
    private Answer Newer(ResolvedFollowUp followUp)
    {
        var reference = followUp.Papers;
        var ids = reference.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var dated = reference.Where(p => p.Date is { YearKnown: true }).Select(p => p.Date!.Value.SortKey).DefaultIfEmpty(0).Max();
        var query = string.Join(" ", reference.Select(p => p.Title + " " + p.Abstract));
        var result = searcher.Search(query, NewerCandidates);
        var best = result.Hits.Count > 0 ? result.Hits[0].Score : 0;
        var related = result.Hits
            .Where(h => !ids.Contains(h.Paper.Id) && h.Score >= best * answering.Value.RelativeScoreCut * NewerScoreShare)
            .Select(h => h.Paper)
            .Where(p => p.Date is { YearKnown: true } d && d.SortKey > dated)
            .OrderByDescending(p => p.Date!.Value.SortKey)
            .Take(MaxNewer)
            .ToList();
        var since = dated == 0 ? "" : $" than {reference.First(p => p.Date is { YearKnown: true } d && d.SortKey == dated).Date!.Value.ToDisplay()}";
        var undated = reference.Where(p => p.Date is not { YearKnown: true }).ToList();
        if (related.Count == 0)
        {
            // Say why: with no date on the paper, "newer" cannot be decided.
            var why = dated == 0
                ? $"The listings give no date for {JoinTitles(undated)}, so I cannot tell which work is newer, and none of the related papers I found has a date either."
                : $"I found no newer related papers{since} in the {result.PapersSearched} I searched.";
            return new Answer
            {
                Question = followUp.StandaloneQuestion,
                Sentences = [new AnswerSentence(why, [])],
                Citations = [],
                Abstained = true,
                Basis = AnswerBasis.Metadata,
                PapersSearched = result.PapersSearched,
            };
        }
        var lead = dated == 0
            ? $"The listings give no date for {JoinTitles(undated)}, so I cannot tell which work is newer; here are related papers that do have dates, newest first:"
            : $"Newer related papers{since}:";
        var sentences = new List<AnswerSentence> { new(lead, []) };
        sentences.AddRange(related.Select((p, i) => new AnswerSentence($"{p.Title} ({p.Date!.Value.ToDisplay()})", [i + 1])));
        return new Answer
        {
            Question = followUp.StandaloneQuestion,
            Sentences = sentences,
            Citations = Citation.Numbered(related),
            Basis = AnswerBasis.Metadata,
            PapersSearched = result.PapersSearched,
        };
    }

    private static string JoinTitles(IReadOnlyList<Paper> papers) => JoinNames(papers.Select(p => $"\"{p.Title}\"").ToList());

    private static string JoinNames(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
}
