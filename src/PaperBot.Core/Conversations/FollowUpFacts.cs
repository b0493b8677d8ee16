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
        if (followUp.Aspect == FollowUpAspect.NewerWork)
        {
            return Newer(followUp);
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
