using Microsoft.Extensions.Options;
using PaperBot.Core.Papers;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Storage;

namespace PaperBot.Core.Answering;

/// <summary>
/// Answers what the question reader found to be about the listing metadata, exactly, from the database: lists of
/// papers meeting conditions (every match and no other), stored facts of one named paper (saying so when the
/// listing truncates the authors or gives no date or year), and "no paper titled X" when the named paper is absent.
/// </summary>
public sealed class MetadataAnswerer(PaperSearcher searcher, PaperStore store, MetadataSearcher metadata)
{
    // Papers a list answer shows: a chat message stays readable (and one Discord or Teams reply); the rest are counted,
    // and their ids kept, with a hint to narrow the question down.
    private const int MetadataListLimit = 25;

    // Titles offered when a named paper is absent: leads for a misremembered name, not an answer.
    private const int ClosestShown = 3;

    // An organisation no listing names but a few abstracts write about: up to this many are listed as leads.
    private const int MentioningShown = 10;

    /// <summary>The answer for a metadata intent; null for a content question, which retrieval answers. An author the
    /// question writes with one slip is named in a note, as a paper's name is (<see cref="AuthorSlips.Note"/>).</summary>
    public ExtractiveResponse? Answer(string question, QuestionIntent intent) =>
        ListedAnswer(question, intent) is { } response
            ? response with { Answer = response.Answer.WithNoteFirst(AuthorSlips.Note(question, intent)) }
            : null;

    private ExtractiveResponse? ListedAnswer(string question, QuestionIntent intent) => intent switch
    {
        QuestionIntent.ByAuthor a => ListAnswer(question, $"with {a.Name} as an author", store.PaperIdsByAuthor(a.Name)),
        QuestionIntent.ByOrg o => ListAnswer(question, $"from {o.Name}", store.PaperIdsByOrg(o.Name)),
        QuestionIntent.ByMetadata m => OrderedAnswer(question, m.Query),
        QuestionIntent.AboutPaper p => FactsAnswer(question, p),
        QuestionIntent.ComparePapers c => CompareAnswer(question, c),
        QuestionIntent.MissingPaper m => MissingAnswer(question, m.PaperName),
        QuestionIntent.MissingNames n => MissingNamesAnswer(question, n.Names),
        QuestionIntent.WhoWorksOn w => WhoAnswer(question, w.Topic),
        QuestionIntent.CoAuthorsOf c => CoAuthorsAnswer(question, c.Name),
        QuestionIntent.TopNames { ByUpvotes: true } t => TopNamesByUpvotesAnswer(question, t),
        QuestionIntent.TopNames t => TopNamesAnswer(question, t),
        QuestionIntent.TopYears => TopYearsAnswer(question),
        QuestionIntent.CollectionSize c => CollectionAnswer(question, c.Subject),
        _ => null,
    };

    /// <summary>Every paper meeting the conditions, the topic's words included (in the title or abstract, near one
    /// another), in one SQL query: no ranked search cuts the list short, so "2024 papers about reasoning" has every one.</summary>
    public IReadOnlyList<string> Matches(MetadataQuery query) => metadata.Find(query).Select(m => m.Id).ToList();

    /// <summary>
    /// The list for a query. "The latest paper on speculative decoding" when no such paper has a date with a year:
    /// the papers are there, so they are listed with that said, rather than answered with "nothing found".
    /// </summary>
    private ExtractiveResponse OrderedAnswer(string question, MetadataQuery query)
    {
        var ids = Matches(query);
        if (ids.Count == 0 && query.RelativeDate)
        {
            return NothingInPeriodAnswer(question, query);
        }
        if (ids.Count == 0 && query.Order != MetadataOrder.Default && query.FromDate is null && query.ToDate is null
            && query.MinUpvotes is null && query.MaxUpvotes is null && query.MinAuthors is null && query.MaxAuthors is null)
        {
            // "the newest papers about X", "top 3 X papers by upvotes": papers match, but none has the value the order is
            // taken from; they are listed, saying so.
            var unordered = query with { Order = MetadataOrder.Default, Limit = null };
            var unplaced = Matches(unordered);
            if (unplaced.Count > 0)
            {
                var (value, which) = query.Order switch
                {
                    MetadataOrder.Newest => ("a date with a year", "the newest"),
                    MetadataOrder.Oldest => ("a date with a year", "the oldest"),
                    MetadataOrder.MostUpvoted => ("an upvote count", "the most upvoted"),
                    MetadataOrder.MostAuthors => ("an author count", "the one with the most authors"),
                    _ => ("an author count", "the one with the fewest authors"),
                };
                var lead = $"{(unplaced.Count == 1 ? "1 paper" : $"{unplaced.Count} papers")} {unordered.Describe()}".TrimEnd();
                return ListAnswer(question, unordered.Describe(), unplaced,
                    $"I found {lead}, but none of their listings gives {value}, so which is {which} cannot be told:", query.Missing,
                    line: p => DescribeForList(p, unordered));
            }
        }
        var readings = Readings(query);
        readings.AddRange(CoverageNotes(query, ids.Count == 0));
        var heading = Heading(query, ids);
        if (query.Order == MetadataOrder.Default && query.HasDate && DateCoverageNote(query) is { } coverage)
        {
            // "how many papers are from 2025?": 4 is the answer only for the listings that give a year; say how many do.
            if (ids.Count > 0)
            {
                heading = $"I found {Papers(ids.Count)} {query.Describe()} ({coverage}):";
            }
            else
            {
                readings.Insert(0, $"{char.ToUpperInvariant(coverage[0])}{coverage[1..]}.");
            }
        }
        return ListAnswer(question, query.Describe(), ids, heading, query.Missing, readings, p => DescribeForList(p, query));
    }

    /// <summary>
    /// How many of the papers meeting the other conditions can be placed in time at all: "71 of the 452 papers give a
    /// date with a year; 43 more give only a month and day". Null when every one of them gives a full date.
    /// </summary>
    private string? DateCoverageNote(MetadataQuery query)
    {
        var (papers, withYear, withoutYear) = metadata.DateCoverage(query);
        if (papers == 0 || (withYear == papers && query.MonthOfYear is null))
        {
            return null;
        }
        var others = (query with
        {
            FromDate = null, ToDate = null, OtherDates = [], MonthOfYear = null, DayOfMonth = null, DateText = null, RelativeDate = false,
            Order = MetadataOrder.Default, Limit = null,
        }).Describe();
        var scope = others.Length == 0 ? $"the {Papers(papers)}" : $"the {Papers(papers)} {others}";
        if (papers == 1)
        {
            scope = others.Length == 0 ? "the 1 paper" : $"the 1 paper {others}";
        }
        if (query.MonthOfYear is not null)
        {
            var dated = withYear + withoutYear;
            return dated == 0 ? (papers == 1 ? $"{scope} gives no date" : $"none of {scope} gives a date")
                : withoutYear == 0
                ? $"{dated} of {scope} give a date"
                : $"{dated} of {scope} give a date, {withoutYear} of them a month and day without a year";
        }
        var give = withYear == 1 ? "gives" : "give";
        // "none of the 6 papers about X gives a year", never "only 0 of the 6 papers … give a year".
        var yearPart = withYear > 0 ? $"only {withYear} of {scope} {give} a year"
            : papers == 1 ? $"{scope} gives no year"
            : $"none of {scope} gives a year";
        return withoutYear == 0
            ? yearPart
            : $"{yearPart}; {withoutYear} {(withYear == 0 ? "of them" : "more")} {(withoutYear == 1 ? "gives" : "give")} only a month and day";
    }

    /// <summary>
    /// "what's new this month?", "pku papers from this year" when no paper is dated in the period: the answer says so
    /// plainly and shows the newest papers meeting the other conditions, with their dates, instead of an empty list.
    /// </summary>
    private ExtractiveResponse NothingInPeriodAnswer(string question, MetadataQuery query)
    {
        const int shown = 5;
        var searched = store.CountPapers();
        var others = query with
        {
            FromDate = null, ToDate = null, OtherDates = [], DateText = null, RelativeDate = false, Order = MetadataOrder.Newest, Limit = shown,
        };
        var description = (others with { Order = MetadataOrder.Default, Limit = null }).Describe();
        var scope = description.Length == 0 ? "" : $" {description}";
        var none = description.Length == 0
            ? $"Nothing in the {searched} papers is dated {query.DateText}."
            : $"No paper{scope} is dated {query.DateText}.";
        var newest = Matches(others);
        if (newest.Count == 0)
        {
            var nothing = Answering.Answer.NothingFound(question, searched);
            return new ExtractiveResponse(nothing with
            {
                Sentences = [new AnswerSentence($"{none} None of the papers{scope} gives a date with a year.", [])],
            }, new RetrievedPapers(question, [], searched, true, Exhaustive: true, query.Describe(), []));
        }
        var heading = newest.Count == 1
            ? $"{none} The newest paper{scope} by listing date is:"
            : $"{none} The {newest.Count} newest papers{scope} by listing date are:";
        return ListAnswer(question, others.Describe(), newest, heading, query.Missing);
    }

    /// <summary>
    /// "the newest paper you've got", "the most upvoted paper": with no other condition, the heading says what the order
    /// is taken from and how many papers have it (only dates with a year, only listings with an upvote count).
    /// </summary>
    private string? Heading(MetadataQuery query, IReadOnlyList<string> ids)
    {
        var count = ids.Count;
        if (count == 0 || query.Order == MetadataOrder.Default)
        {
            return null;
        }
        var searched = store.CountPapers();
        var scope = query with { Order = MetadataOrder.Default, Limit = null };
        var description = scope.Describe();
        if (query.Limit is null && count > 1)
        {
            return WholeListHeading(query, ids, searched, description);
        }
        var how = count == 1 ? "" : $"{count} ";
        var verb = count == 1 ? "is" : "are";
        var papers = count == 1 ? "paper" : "papers";
        if (query.ByAuthorCount)
        {
            // "which paper has the longest author list?": said over the listings that give an author count, with the count.
            var (within, giving) = metadata.Coverage(query, category: false);
            var counts = store.GetMany(ids.Take(MetadataListLimit).ToList()).Select(p => p.AuthorCount ?? 0).ToList();
            var (fewest, most) = (counts.DefaultIfEmpty().Min(), counts.DefaultIfEmpty().Max());
            var extreme = query.Order == MetadataOrder.MostAuthors ? "most" : "fewest";
            var shown = fewest == most ? (count == 1 ? $"{most}" : $"{most} each") : $"{fewest} to {most}";
            var of = description.Length == 0 ? $"Of the {searched} papers" : within == 1 ? $"Of the 1 paper {description}" : $"Of the {within} papers {description}";
            return count == 1
                ? $"{of}, {giving} {(giving == 1 ? "gives" : "give")} an author count; the one with the {extreme} authors ({shown}) is:"
                : $"{of}, {giving} {(giving == 1 ? "gives" : "give")} an author count; the {count} with the {extreme} authors ({shown}) are:";
        }
        if (query.Order == MetadataOrder.MostUpvoted)
        {
            var counted = metadata.Count(scope with { MinUpvotes = Math.Max(scope.MinUpvotes ?? 0, 0) });
            // The count the order is about, in the heading: a chat reply may show the listed papers as bare citations.
            var votes = store.GetMany(ids.Take(MetadataListLimit).ToList()).Select(p => p.Upvotes ?? 0).ToList();
            var (low, high) = (votes.DefaultIfEmpty().Min(), votes.DefaultIfEmpty().Max());
            string Votes(int n) => n == 1 ? "1 upvote" : $"{n} upvotes";
            var with = low == high ? $", with {Votes(high)}{(count > 1 ? " each" : "")}," : $", with {low} to {Votes(high)},";
            return description.Length == 0
                ? $"The {how}most upvoted of the {searched} papers{with} {verb} ({counted} of them give an upvote count):"
                : $"The {how}most upvoted {papers} {description}{with} {verb}{(counted > count ? $" (of the {counted} that give an upvote count)" : "")}:";
        }
        var dated = metadata.Count(scope with { Order = MetadataOrder.Newest });
        var which = query.Order == MetadataOrder.Newest ? "newest" : "oldest";
        return description.Length == 0
            ? $"The {how}{which} of the {searched} papers by listing date ({dated} of them give a date with a year) {verb}:"
            : $"The {how}{which} {papers} {description} by listing date {verb}{(dated > count ? $" (of the {dated} dated with a year)" : "")}:";
    }

    /// <summary>
    /// "moe papers sorted by date", "papers ranked by upvotes": every paper that has the value the order is taken from,
    /// in that order, with the range it spans (the first and last paper of the order) and what the others lack.
    /// </summary>
    private string WholeListHeading(MetadataQuery query, IReadOnlyList<string> ids, int searched, string description)
    {
        var ends = store.GetMany([ids[0], ids[^1]]);
        var (first, last) = (ends[0], ends[^1]);
        var papers = description.Length == 0 ? $"{ids.Count} of the {searched} papers" : $"{ids.Count} papers {description}";
        if (query.ByAuthorCount)
        {
            var extreme = query.Order == MetadataOrder.MostAuthors ? "most" : "fewest";
            return $"{papers} give an author count; {extreme} authors first ({first.AuthorCount ?? 0} to {last.AuthorCount ?? 0}):";
        }
        if (query.Order == MetadataOrder.MostUpvoted)
        {
            return $"{papers} give an upvote count; most upvoted first ({first.Upvotes ?? 0} to {last.Upvotes ?? 0}):";
        }
        return $"{papers} give a date with a year; {(query.Order == MetadataOrder.Newest ? "newest" : "oldest")} first:";
    }

    /// <summary>
    /// "papers by A and B", "pku and tsinghua papers": a plain "and" is read as the papers the authors share and as the
    /// papers of either organisation; the answer says which reading it used and how many papers the other one gives.
    /// </summary>
    private List<string> Readings(MetadataQuery query)
    {
        var notes = new List<string>();
        var unlimited = query with { Limit = null, Order = MetadataOrder.Default };
        if (query.AuthorsJoinedByAnd && query.Author is not null && query.CoAuthors.Count > 0)
        {
            var either = Matches(unlimited with { AnyAuthor = true, AuthorsJoinedByAnd = false, OrgsJoinedByAnd = false }).Count;
            var names = NameList([query.Author, .. query.CoAuthors], "and");
            notes.Add($"I read \"{names}\" as the papers they wrote together; {Papers(either)} {(either == 1 ? "has" : "have")} {(query.CoAuthors.Count == 1 ? "either" : "any")} of them as an author.");
        }
        if (query.OrgsJoinedByAnd && query.Org is not null && query.OtherOrgs.Count > 0)
        {
            var all = Matches(unlimited with { AnyOrg = false, OrgsJoinedByAnd = false, AuthorsJoinedByAnd = false }).Count;
            var names = NameList([query.Org, .. query.OtherOrgs], "and");
            var every = query.OtherOrgs.Count == 1 ? "both" : "all of them";
            notes.Add($"I read \"{names}\" as the papers of any of them; {(all == 0 ? "none lists" : all == 1 ? "1 paper lists" : $"{all} papers list")} {every}.");
        }
        return notes;
    }

    /// <summary>
    /// "2024 papers with more than 10 authors", "cs.CL papers": only listings that give an author count (or an arXiv
    /// category) can match, so the answer says how many of the papers meeting the other conditions give one.
    /// </summary>
    private IEnumerable<string> CoverageNotes(MetadataQuery query, bool empty)
    {
        // Ordered by the author count, the heading says how many give one; with nothing found, this note does.
        var authorCount = query.HasAuthorCount || (query.ByAuthorCount && empty);
        foreach (var (asked, category, what) in new[] { (authorCount, false, "an author count"), (query.Category is not null, true, "an arXiv category") })
        {
            if (!asked)
            {
                continue;
            }
            var (papers, giving) = metadata.Coverage(query, category);
            if (giving == papers)
            {
                continue;
            }
            var others = (category ? query with { Category = null } : query with { MinAuthors = null, MaxAuthors = null }) with { Order = MetadataOrder.Default, Limit = null };
            var description = others.Describe();
            var scope = $"the {Papers(papers)}{(description.Length == 0 ? "" : " " + description)}";
            yield return giving == 0
                ? $"None of {scope} gives {what}, so none could match."
                : $"Only {giving} of {scope} {(giving == 1 ? "gives" : "give")} {what}, so only {(giving == 1 ? "it" : "those")} could match.";
        }
    }

    private static string Papers(int n) => n == 1 ? "1 paper" : $"{n} papers";

    private static string NameList(IReadOnlyList<string> names, string conjunction) =>
        names.Count == 1 ? names[0] : $"{string.Join(", ", names.SkipLast(1))} {conjunction} {names[^1]}";

    private ExtractiveResponse ListAnswer(string question, string description, IReadOnlyList<string> ids, string? heading = null,
        IReadOnlyList<MissingName>? missing = null, IReadOnlyList<string>? readings = null, Func<Paper, string>? line = null)
    {
        line ??= DescribeForList;
        // Only the papers shown are loaded; the rest are counted and their ids kept for whoever needs the full list.
        var papers = store.GetMany(ids.Take(MetadataListLimit).ToList());
        var total = ids.Count;
        var searched = store.CountPapers();
        var retrieval = new RetrievedPapers(question, papers.Select(p => new SearchHit(p, 1, 1, "")).ToList(), searched, total == 0, Exhaustive: true, description, ids);
        if (total == 0)
        {
            // "papers from both pku and tsinghua": say what was looked for, so an empty answer is not read as a failed search.
            var nothing = Answering.Answer.NothingFound(question, searched);
            var none = description.Length > 0 ? [new AnswerSentence($"I found no paper {description} in the {searched} papers.", [])] : nothing.Sentences;
            return new ExtractiveResponse(nothing with
            {
                Sentences = [.. none, .. (readings ?? []).Select(r => new AnswerSentence(r, [])), .. (missing ?? []).Select(m => new AnswerSentence(NotListed(m, searched), []))],
            }, retrieval);
        }
        var citations = Citation.Numbered(papers);
        var sentences = new List<AnswerSentence>
        {
            new(heading ?? (total == 1 ? $"I found 1 paper {description}:" : $"I found {total} papers {description}:"), []),
        };
        sentences.AddRange(papers.Select((p, i) => new AnswerSentence(line(p), [i + 1])));
        if (total > papers.Count)
        {
            sentences.Add(new AnswerSentence($"…and {total - papers.Count} more; search to narrow it down.", []));
        }
        sentences.AddRange((readings ?? []).Select(r => new AnswerSentence(r, [])));
        // "papers by Li Dong or Furu Wei": the list is Li Dong's, and the answer says no paper lists Furu Wei.
        sentences.AddRange((missing ?? []).Select(m => new AnswerSentence(NotListed(m, searched), [])));
        var answer = new Answer
        {
            Question = question,
            Sentences = sentences,
            Citations = citations,
            Basis = AnswerBasis.Metadata,
            PapersSearched = searched,
        };
        return new ExtractiveResponse(answer, retrieval);
    }

    /// <summary>
    /// "who are the authors of the paper that explains in-context learning as implicit gradient descent?": the facts of
    /// the paper the description's search ranked first, opening with which paper that is, so a reader sees what was taken.
    /// </summary>
    public ExtractiveResponse DescribedFactsAnswer(string question, QuestionIntent.AboutDescribedPaper described, Paper best)
    {
        var about = new QuestionIntent.AboutPaper(best.Title, best.Id, described.Facts);
        var response = FactsAnswer(question, about);
        return response with { Answer = response.Answer.WithNoteFirst(DescribedNote) };
    }

    /// <summary>Said first when a paper named by a description is answered: the search chose it, so the reader should check it.</summary>
    public const string DescribedNote = "This is the paper that best matches your description; check that it is the one you mean.";

    /// <summary>The stored facts the question asks for, of the one paper it names.</summary>
    private ExtractiveResponse FactsAnswer(string question, QuestionIntent.AboutPaper about)
    {
        var searched = store.CountPapers();
        if (store.Get(about.PaperId) is not { } paper)
        {
            return MissingAnswer(question, about.PaperName);
        }
        var sentences = new List<AnswerSentence>();
        foreach (var fact in Enum.GetValues<PaperFacts>().Where(f => f != PaperFacts.None && about.Facts.HasFlag(f)))
        {
            // The title once: "ConAIR:Consistency-Augmented … has 5 authors … It is listed with the date Nov 23, 2024."
            sentences.Add(new AnswerSentence(Describe(paper, fact, named: sentences.Count > 0), [1]));
        }
        var answer = new Answer
        {
            Question = question,
            Sentences = sentences,
            Citations = [Citation.For(paper, 1)],
            Basis = AnswerBasis.Metadata,
            PapersSearched = searched,
        };
        var retrieval = new RetrievedPapers(question, [new SearchHit(paper, 1, 1, "")], searched, false, Exhaustive: true, $"titled \"{paper.Title}\"", [paper.Id]);
        return new ExtractiveResponse(answer, retrieval);
    }

    /// <summary>
    /// "which came out first, BARS-CTR or the merge conflict resolution paper?": the two papers' stored facts side by side,
    /// citing both. When one name matches no stored title, the answer says that paper is not in the corpus and gives the
    /// other's facts.
    /// </summary>
    private ExtractiveResponse CompareAnswer(string question, QuestionIntent.ComparePapers compare)
    {
        var searched = store.CountPapers();
        var papers = compare.Papers.Select(p => p.PaperId is { } id ? store.Get(id) : null).ToList();
        var found = papers.OfType<Paper>().ToList();
        var sentences = new List<AnswerSentence>();
        if (found.Count == 2)
        {
            sentences.AddRange(PaperComparison.Sentences(found[0], found[1], compare.Facts));
        }
        else if (found.Count == 1)
        {
            var missing = compare.Papers[papers.IndexOf(null)];
            sentences.Add(new AnswerSentence($"No paper titled \"{missing.Name}\" is in the {searched} papers, so it cannot be compared with {found[0].Title}.", []));
            foreach (var fact in new[] { PaperFacts.Date, PaperFacts.Upvotes, PaperFacts.AuthorCount, PaperFacts.Orgs }.Where(f => compare.Facts.HasFlag(f)))
            {
                sentences.Add(new AnswerSentence(Describe(found[0], fact, named: sentences.Count > 1), [1]));
            }
        }
        else
        {
            return MissingAnswer(question, compare.Papers[0].Name);
        }
        var answer = new Answer
        {
            Question = question,
            Sentences = sentences,
            Citations = Citation.Numbered(found),
            Basis = AnswerBasis.Metadata,
            PapersSearched = searched,
        };
        var hits = found.Select(p => new SearchHit(p, 1, 1, "")).ToList();
        var description = string.Join(" and ", found.Select(p => $"\"{p.Title}\""));
        var retrieval = new RetrievedPapers(question, hits, searched, false, Exhaustive: true, $"compared: {description}", found.Select(p => p.Id).ToList());
        return new ExtractiveResponse(answer, retrieval);
    }

    /// <summary>One fact of a paper as a sentence, saying plainly when the listing truncates or omits it. When the answer
    /// has <paramref name="named"/> the paper already, the sentence says "it" rather than the title again.</summary>
    internal static string Describe(Paper paper, PaperFacts fact, bool named = false)
    {
        var title = named ? "It" : paper.Title;
        var listingOf = named ? "its listing" : $"the listing of {paper.Title}";
        var listingsOf = named ? "its listings" : $"the listings of {paper.Title}";
        switch (fact)
        {
            case PaperFacts.Authors:
                if (paper.Authors.Count == 0)
                {
                    return paper.AuthorCount is { } count
                        ? $"{Capital(listingOf)} names no authors; it only says the paper has {count} authors."
                        : $"None of {listingsOf} names its authors.";
                }
                var names = string.Join(", ", paper.Authors);
                if (paper.AuthorsComplete == false)
                {
                    var total = paper.AuthorCount is { } n ? $" of its {n} authors" : "";
                    return $"{title} is by {names} et al.; the listing truncates the author list, so only these {paper.Authors.Count}{total} are known.";
                }
                return $"{title} is by {names}.";
            case PaperFacts.AuthorCount:
                if (paper.AuthorCount is { } authors)
                {
                    return $"{title} has {authors} authors{(paper.Authors.Count == 0 ? " (the listing gives the count, not the names)" : "")}.";
                }
                if (paper.Authors.Count > 0 && paper.AuthorsComplete == false)
                {
                    return $"{Capital(listingOf)} shows only its first {paper.Authors.Count} authors ({string.Join(", ", paper.Authors)} et al.), so the full number of authors is not given.";
                }
                return paper.Authors.Count > 0
                    ? $"{title} has {paper.Authors.Count} authors: {string.Join(", ", paper.Authors)}."
                    : $"None of {listingsOf} gives its authors or their number.";
            case PaperFacts.Date:
                if (paper.Date is not { } date)
                {
                    return named ? "None of its listings gives a date." : $"{title} is in the corpus, but none of its listings gives a date.";
                }
                return date.YearKnown
                    ? $"{title} is listed with the date {date.ToDisplay()}."
                    : $"{title} is listed on {date.MonthAndDay()}; the listing gives no year.";
            case PaperFacts.Orgs:
                return paper.Orgs.Count > 0
                    ? $"{title} is listed with the organisation{(paper.Orgs.Count > 1 ? "s" : "")} {string.Join(", ", paper.Orgs)}."
                    : $"None of {listingsOf} names an organisation.";
            case PaperFacts.Upvotes:
                return paper.Upvotes is { } upvotes
                    ? $"{title} has {upvotes} upvote{(upvotes == 1 ? "" : "s")} in its listing."
                    : $"None of {listingsOf} gives an upvote count.";
            case PaperFacts.Code:
                return paper.HasCode switch
                {
                    true when paper.PrimaryLink is { } link => $"{title} has code available ({link}).",
                    true => $"{title} is marked as having code available.",
                    false => named ? "Its listing marks no code as available." : $"{title}'s listing marks no code as available.",
                    _ when paper.Links.Count > 0 => $"Nothing in {listingsOf} says whether code is available; {(named ? "its listing" : "the listing")} links to {string.Join(", ", paper.Links)}.",
                    _ => $"Nothing in {listingsOf} says whether code is available.",
                };
            case PaperFacts.Links:
                if (paper.Links.Count > 0)
                {
                    return $"{Capital(listingOf)} links to {string.Join(", ", paper.Links)}{(paper.HasCode == true ? " (it is marked as having code available)" : "")}.";
                }
                return paper.HasCode == true
                    ? $"{title} is marked as having code available, but none of {listingsOf} gives a link (no project page or repository)."
                    : $"None of {listingsOf} gives a link: no project page or code repository is listed.";
            default:
                return paper.Title;
        }

        static string Capital(string s) => char.ToUpperInvariant(s[0]) + s[1..];
    }

    /// <summary>"No paper titled X is in the N papers; the closest are …": the named paper is absent, and the nearest
    /// titles are offered as leads, not as an answer.</summary>
    private ExtractiveResponse MissingAnswer(string question, string name)
    {
        var result = searcher.Search(name, ClosestShown);
        if (result.Hits.Count == 0)
        {
            // A made-up name ("ChronoRAG") shares no word with the corpus; the rest of the question may ("by Dai"), but not
            // its request ("give me a summary of …" offered summarization papers as the closest).
            result = searcher.Search(QuestionFrame.Without(question), ClosestShown);
        }
        var closest = result.Hits.Take(ClosestShown).ToList();
        var searched = Math.Max(result.PapersSearched, store.CountPapers());
        var sentences = new List<AnswerSentence>
        {
            new(closest.Count == 0
                ? $"No paper titled \"{name}\" is in the {searched} papers, and none comes close."
                : $"No paper titled \"{name}\" is in the {searched} papers; the closest are:", []),
        };
        sentences.AddRange(closest.Select((h, i) => new AnswerSentence(DescribeForList(h.Paper), [i + 1])));
        var answer = new Answer
        {
            Question = question,
            Sentences = sentences,
            Citations = Citation.Numbered(closest.Select(h => h.Paper)),
            Abstained = true,
            PapersSearched = searched,
        };
        return new ExtractiveResponse(answer, new RetrievedPapers(question, closest, searched, Abstained: true));
    }

    /// <summary>
    /// "who is working on speculative decoding here?": the papers on the topic (as a metadata question's topic is
    /// matched), each with its stored authors and organisations, saying so when the listing truncates or omits them.
    /// </summary>
    private ExtractiveResponse WhoAnswer(string question, string topic)
    {
        var ids = Matches(new MetadataQuery { Topic = topic });
        var description = $"about \"{topic}\"";
        var searched = store.CountPapers();
        if (ids.Count == 0)
        {
            return ListAnswer(question, description, ids);
        }
        var heading = new AnswerSentence(ids.Count == 1 ? $"1 paper is {description}; its listing names:" : $"{ids.Count} papers are {description}; their listings name:", []);
        return PaperList(question, [heading], ids, p => $"{p.Title}: {WhoWrote(p)}", description, searched);
    }

    /// <summary>
    /// "who does Yifan Song usually write with? list the papers too": the other names on the author's papers, most
    /// frequent first with how many papers each shares, said to be counted over what the listings show (most show the
    /// first three authors and "et al."), then the papers, each with its listed authors.
    /// </summary>
    private ExtractiveResponse CoAuthorsAnswer(string question, string name)
    {
        var searched = store.CountPapers();
        var ids = store.PaperIdsByAuthor(name);
        var description = $"with {name} as an author";
        if (ids.Count == 0)
        {
            return ListAnswer(question, description, ids);
        }
        var papers = store.GetMany(ids);
        var self = Ingest.IngestService.NameKey(name);
        var counted = papers
            .SelectMany(p => p.Authors.Where(a => Ingest.IngestService.NameKey(a) != self).DistinctBy(Ingest.IngestService.NameKey))
            .GroupBy(Ingest.IngestService.NameKey)
            .Select(g => (Name: g.First(), Papers: g.Count()))
            .OrderByDescending(x => x.Papers)
            .ThenBy(x => x.Name, StringComparer.Ordinal)
            .ToList();
        var of = ids.Count == 1 ? $"the 1 paper {description}" : $"the {ids.Count} papers {description}";
        var opening = new List<AnswerSentence>();
        if (counted.Count == 0)
        {
            opening.Add(new AnswerSentence($"The listings of {of} name no other author.", []));
        }
        else
        {
            const int shown = 10;
            var more = counted.Count > shown ? $", and {counted.Count - shown} more once each" : "";
            opening.Add(new AnswerSentence(
                $"{name}'s co-authors, by the papers they share, over {of}: {string.Join(", ", counted.Take(shown).Select(c => $"{c.Name} ({c.Papers})"))}{more}.", []));
        }
        var truncated = papers.Count(p => p.AuthorsComplete == false);
        if (truncated > 0)
        {
            opening.Add(new AnswerSentence($"{(truncated == papers.Count ? $"All {truncated}" : $"{truncated} of those {papers.Count}")} listings show only their first authors (et al.), so a co-author further down a list is not counted.", []));
        }
        opening.Add(new AnswerSentence(ids.Count == 1 ? $"{name}'s paper:" : $"{name}'s papers:", []));
        return PaperList(question, opening, ids, p => $"{p.Title}: {WhoWrote(p)}", description, searched);
    }

    /// <summary>
    /// A metadata answer that lists papers after some opening sentences: the first <see cref="MetadataListLimit"/> of
    /// <paramref name="ids"/>, one cited line each, "…and N more" for the rest; every id is kept for whoever needs them.
    /// </summary>
    private ExtractiveResponse PaperList(string question, IReadOnlyList<AnswerSentence> opening, IReadOnlyList<string> ids, Func<Paper, string> line, string description, int searched)
    {
        var papers = store.GetMany(ids.Take(MetadataListLimit).ToList());
        var sentences = new List<AnswerSentence>(opening);
        sentences.AddRange(papers.Select((p, i) => new AnswerSentence(line(p), [i + 1])));
        if (ids.Count > papers.Count)
        {
            sentences.Add(new AnswerSentence($"…and {ids.Count - papers.Count} more; search to narrow it down.", []));
        }
        var answer = new Answer
        {
            Question = question,
            Sentences = sentences,
            Citations = Citation.Numbered(papers),
            Basis = AnswerBasis.Metadata,
            PapersSearched = searched,
        };
        var retrieval = new RetrievedPapers(question, papers.Select(p => new SearchHit(p, 1, 1, "")).ToList(), searched, false, Exhaustive: true, description, ids);
        return new ExtractiveResponse(answer, retrieval);
    }

    /// <summary>
    /// "who has the most papers here?": the names on the most listings with their counts, said to be counted over the
    /// listings that name anyone (most listings name no authors), then the papers of the first name(s), cited.
    /// </summary>
    private ExtractiveResponse TopNamesAnswer(string question, QuestionIntent.TopNames top)
    {
        var searched = store.CountPapers();
        var (names, named) = metadata.TopNames(top.Organisations, top.Limit, top.Topic);
        var kind = top.Organisations ? "organisation" : "author";
        var scope = top.Topic is null ? "" : $" about \"{top.Topic}\"";
        if (names.Count == 0)
        {
            var nothing = Answering.Answer.NothingFound(question, searched);
            return new ExtractiveResponse(nothing with
            {
                Sentences = [new AnswerSentence($"None of the {searched} papers{scope} names {(top.Organisations ? "an organisation" : "an author")} in its listing, so no {kind} can be counted.", [])],
            }, new RetrievedPapers(question, [], searched, true));
        }
        var counted = $"counted over the {named} papers{scope} whose listings name {(top.Organisations ? "organisations" : "authors")} ({searched - named} of the {searched} papers name none{(top.Topic is null ? "" : " or are on other topics")})";
        // "Peiyi Wang (14)" counts only the names the listings show: most show the first three and "et al.".
        var truncated = top.Organisations ? 0 : metadata.TruncatedAuthorLists(top.Topic);
        var truncation = truncated == 0 ? null
            : new AnswerSentence($"{(truncated == named ? $"All {named}" : $"{truncated} of those {named}")} listings show only their first authors (et al.), so an author further down a list is not counted.", []);
        var leaders = names.Where(n => n.Papers == names[0].Papers).ToList();
        var shown = top.Limit > 1 ? names : leaders;
        string Count(int n) => n == 1 ? "1 paper" : $"{n} papers";
        var sentences = new List<AnswerSentence>();
        if (top.Limit == 1)
        {
            sentences.Add(new AnswerSentence(leaders.Count == 1
                ? $"{leaders[0].Name} is the {kind} on the most papers{scope}: {Count(leaders[0].Papers)}, {counted}."
                : $"{NameList(leaders.Select(l => l.Name).ToList(), "and")} are the {kind}s on the most papers{scope}: {Count(leaders[0].Papers)} each, {counted}.", []));
            var runnersUp = metadata.TopNames(top.Organisations, leaders.Count + 3, top.Topic).Names.Skip(leaders.Count).Take(3).ToList();
            if (runnersUp.Count > 0)
            {
                sentences.Add(NextNames(runnersUp.Select(r => (r.Name, r.Papers))));
            }
        }
        else
        {
            sentences.Add(new AnswerSentence($"The {kind}s on the most papers{scope}, {counted}: {string.Join(", ", names.Select(n => $"{n.Name} ({n.Papers})"))}.", []));
        }
        if (truncation is not null)
        {
            // Said with the lead-in's last sentence, so the lead-in stays short enough to be shown above the list.
            sentences[^1] = new AnswerSentence($"{sentences[^1].Text} {truncation.Text}", []);
        }
        // The papers of the names shown, so the counts can be checked.
        var query = PapersOfNames(top, shown.Select(n => n.Name).ToList());
        sentences.Add(new AnswerSentence(shown.Count == 1 ? $"{shown[0].Name}'s papers{scope}:" : $"Their papers{scope}:", []));
        return PaperList(question, sentences, Matches(query), p => DescribeForList(p), $"of the {kind}{(shown.Count == 1 ? "" : "s")} on the most papers{scope}", searched);
    }

    /// <summary>
    /// "who is the most upvoted author?", "which organisation has the most upvotes?": the names whose papers' upvotes add
    /// up to the most, ties stated, counted over the listings that give both names and an upvote count (and said so); when
    /// no listing gives both, the answer says that no name can be ranked, and ranks nobody.
    /// </summary>
    private ExtractiveResponse TopNamesByUpvotesAnswer(string question, QuestionIntent.TopNames top)
    {
        var searched = store.CountPapers();
        var (names, named, withVotes) = metadata.TopNamesByUpvotes(top.Organisations, top.Limit, top.Topic);
        var kind = top.Organisations ? "organisation" : "author";
        var kinds = top.Organisations ? "organisations" : "authors";
        var scope = top.Topic is null ? "" : $" about \"{top.Topic}\"";
        var upvoted = metadata.Count(new MetadataQuery { Topic = top.Topic, MinUpvotes = 0 });
        if (names.Count == 0)
        {
            var why = named == 0
                ? $"None of the {searched} papers{scope} names {(top.Organisations ? "an organisation" : "an author")} in its listing"
                : $"None of the {named} papers{scope} whose listings name {kinds} gives an upvote count ({upvoted} of the {searched} papers{scope} give one, and those name no {kinds})";
            var answer = new Answer
            {
                Question = question,
                Sentences = [new AnswerSentence($"{why}, so no {kind}'s upvotes can be added up.", [])],
                Citations = [],
                Abstained = true,
                Basis = AnswerBasis.Metadata,
                PapersSearched = searched,
            };
            return new ExtractiveResponse(answer, new RetrievedPapers(question, [], searched, true, Exhaustive: true, $"{kinds} by upvotes{scope}", []));
        }
        string Votes(int n) => n == 1 ? "1 upvote" : $"{n} upvotes";
        string Papers(int n) => n == 1 ? "1 paper" : $"{n} papers";
        var counted = $"adding up the upvotes of the {withVotes} papers{scope} whose listings give both {kinds} and an upvote count ({named - withVotes} more name {kinds} but give no count; {upvoted} of the {searched} papers give a count at all)";
        var leaders = names.Where(n => n.Upvotes == names[0].Upvotes).ToList();
        var shown = top.Limit > 1 ? names : leaders;
        var sentences = new List<AnswerSentence>();
        if (top.Limit == 1)
        {
            sentences.Add(new AnswerSentence(leaders.Count == 1
                ? $"{leaders[0].Name} is the most upvoted {kind}{scope}: {Votes(leaders[0].Upvotes)} over {Papers(leaders[0].Papers)}, {counted}."
                : $"{NameList(leaders.Select(l => l.Name).ToList(), "and")} tie as the most upvoted {kinds}{scope}: {Votes(leaders[0].Upvotes)} each, {counted}.", []));
            var runnersUp = metadata.TopNamesByUpvotes(top.Organisations, leaders.Count + 3, top.Topic).Names.Skip(leaders.Count).Take(3).ToList();
            if (runnersUp.Count > 0)
            {
                sentences.Add(NextNames(runnersUp.Select(r => (r.Name, r.Upvotes))));
            }
        }
        else
        {
            var ties = names.Count > top.Limit ? $" ({names.Count} shown: the last ones tie)" : "";
            sentences.Add(new AnswerSentence($"The {kinds} with the most upvotes{scope}{ties}, {counted}: {string.Join(", ", names.Select(n => $"{n.Name} ({n.Upvotes})"))}.", []));
        }
        var query = PapersOfNames(top, shown.Select(n => n.Name).ToList()) with { MinUpvotes = 0, Order = MetadataOrder.MostUpvoted };
        sentences.Add(new AnswerSentence(shown.Count == 1 ? $"{shown[0].Name}'s upvoted papers{scope}:" : $"Their upvoted papers{scope}:", []));
        return PaperList(question, sentences, Matches(query), p => DescribeForList(p, upvotes: true), $"of the most upvoted {kind}{(shown.Count == 1 ? "" : "s")}{scope}", searched);
    }

    /// <summary>The papers of any of the names a top-names answer shows (authors or organisations), on its topic.</summary>
    private static MetadataQuery PapersOfNames(QuestionIntent.TopNames top, IReadOnlyList<string> names) => new()
    {
        Author = top.Organisations ? null : names[0],
        CoAuthors = top.Organisations ? [] : names.Skip(1).ToList(),
        AnyAuthor = true,
        Org = top.Organisations ? names[0] : null,
        OtherOrgs = top.Organisations ? names.Skip(1).ToList() : [],
        AnyOrg = true,
        Topic = top.Topic,
    };

    /// <summary>"Next: A (9), B (7)." after the leaders of a top-names answer, each with its count.</summary>
    private static AnswerSentence NextNames(IEnumerable<(string Name, int Count)> runnersUp) =>
        new($"Next: {string.Join(", ", runnersUp.Select(r => $"{r.Name} ({r.Count})"))}.", []);

    /// <summary>"which year has the most papers?": the years by their number of papers, counted over the listings that
    /// give a year (and said so), then the leading year's papers.</summary>
    private ExtractiveResponse TopYearsAnswer(string question)
    {
        var searched = store.CountPapers();
        var years = metadata.PapersPerYear();
        var coverage = metadata.Collection();
        if (years.Count == 0)
        {
            var nothing = Answering.Answer.NothingFound(question, searched);
            return new ExtractiveResponse(nothing with
            {
                Sentences = [new AnswerSentence($"None of the {searched} papers gives a date with a year, so no year can be counted.", [])],
            }, new RetrievedPapers(question, [], searched, true));
        }
        var leaders = years.Where(y => y.Papers == years[0].Papers).ToList();
        string Count(int n) => n == 1 ? "1 paper" : $"{n} papers";
        var counted = $"counted over the {coverage.WithYear} papers whose listings give a year ({coverage.MonthAndDayOnly} more give only a month and day, {searched - coverage.WithYear - coverage.MonthAndDayOnly} no date)";
        var sentences = new List<AnswerSentence>
        {
            new(leaders.Count == 1
                ? $"{leaders[0].Year} has the most papers: {Count(leaders[0].Papers)}, {counted}."
                : $"{NameList(leaders.Select(l => l.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(), "and")} tie for the most papers: {Count(leaders[0].Papers)} each, {counted}.", []),
            new($"Per year: {string.Join(", ", years.OrderByDescending(y => y.Year).Select(y => $"{y.Year} ({y.Papers})"))}.", []),
            new(leaders.Count == 1 ? $"The papers of {leaders[0].Year}:" : "Their papers:", []),
        };
        var ids = leaders.SelectMany(l => Matches(new MetadataQuery { FromDate = l.Year * 10000 + 101, ToDate = l.Year * 10000 + 1231 })).ToList();
        return PaperList(question, sentences, ids, p => DescribeForList(p), $"dated {string.Join(" or ", leaders.Select(l => l.Year))}", searched);
    }

    /// <summary>"how many papers are there?", "how many authors are listed?": counted over every paper, with what the
    /// listings lack (dates without a year, authors cut to the first few, no organisations), so a count is not over-read.</summary>
    private ExtractiveResponse CollectionAnswer(string question, CollectionSubject subject)
    {
        var c = metadata.Collection();
        var text = subject switch
        {
            CollectionSubject.Authors =>
                $"The listings name {c.Authors} different authors, but only {c.NamingAuthors} of the {c.Papers} papers name any, and {c.TruncatingAuthors} of those show only their first authors (et al.), so the real number is larger.",
            CollectionSubject.Organisations =>
                $"The listings name {c.Organisations} different organisations, on {c.NamingOrgs} of the {c.Papers} papers; the others name none.",
            _ =>
                $"There are {c.Papers} papers. {c.WithYear} give a date with a year ({c.MonthAndDayOnly} more only a month and day), {c.NamingAuthors} name their authors ({c.TruncatingAuthors} of them only the first few, et al.), {c.NamingOrgs} name organisations, {c.WithUpvotes} give an upvote count and {c.WithCode} are marked as having code.",
        };
        var answer = new Answer
        {
            Question = question,
            Sentences = [new AnswerSentence(text, [])],
            Citations = [],
            Basis = AnswerBasis.Metadata,
            PapersSearched = c.Papers,
        };
        return new ExtractiveResponse(answer, new RetrievedPapers(question, [], c.Papers, false, Exhaustive: true, "in the corpus", []));
    }

    /// <summary>"Heming Xia, Zhe Yang, Qingxiu Dong et al. (pku)", or what the listing lacks.</summary>
    private static string WhoWrote(Paper paper)
    {
        var orgs = paper.Orgs.Count > 0 ? $" ({string.Join(", ", paper.Orgs)})" : "";
        if (paper.Authors.Count == 0)
        {
            return paper.AuthorCount is { } count ? $"no authors, only their number ({count}){orgs}." : $"no authors{orgs}.";
        }
        // "… et al." ends the sentence with its own full stop.
        return $"{string.Join(", ", paper.Authors)}{(paper.AuthorsComplete == false ? " et al." : "")}{orgs}".TrimEnd('.') + ".";
    }

    /// <summary>
    /// "papers by Geoffrey Hinton", "what has deepmind published?": no listing has the name, and the answer says so
    /// plainly (offering a stored name a few slips away) instead of answering with papers that merely share words.
    /// </summary>
    private ExtractiveResponse MissingNamesAnswer(string question, IReadOnlyList<MissingName> names)
    {
        var searched = store.CountPapers();
        if (names is [{ Organisation: true, Closest: null, TextMentions: > 0 and <= MentioningShown } only])
        {
            // "papers by deepseek": nothing lists it, but a few abstracts write about it; those are offered as leads, cited,
            // while the answer still declines (no paper meets what was asked).
            var mentioning = new StoredNameLinker(store.Database).Mentioning(only.Written, MentioningShown);
            if (mentioning.Count > 0)
            {
                var papers = store.GetMany(mentioning);
                var heading = $"No paper in the {searched} papers lists {only.Written} {only.RoleText}; {(papers.Count == 1 ? "this one mentions it" : $"these {papers.Count} mention it")} in {(papers.Count == 1 ? "its" : "their")} title or abstract:";
                var leads = new Answer
                {
                    Question = question,
                    Sentences = [new AnswerSentence(heading, []), .. papers.Select((p, i) => new AnswerSentence(DescribeForList(p), [i + 1]))],
                    Citations = Citation.Numbered(papers),
                    Abstained = true,
                    Basis = AnswerBasis.Metadata,
                    PapersSearched = searched,
                };
                return new ExtractiveResponse(leads, new RetrievedPapers(question, [], searched, true, Exhaustive: true, $"listing {only.Written} {only.RoleText}", []));
            }
        }
        var answer = new Answer
        {
            Question = question,
            Sentences = names.Select(m => new AnswerSentence(NotListed(m, searched), [])).ToList(),
            Citations = [],
            Abstained = true,
            Basis = AnswerBasis.Metadata,
            PapersSearched = searched,
        };
        var description = string.Join(" or ", names.Select(m => $"listing {m.Written} {m.RoleText}"));
        return new ExtractiveResponse(answer, new RetrievedPapers(question, [], searched, true, Exhaustive: true, description, []));
    }

    /// <summary>"No paper in the 452 papers lists Furu Wei as an author." with "Did you mean …?" when a stored name is
    /// a few slips away, and for an organisation that abstracts write about, how many do.</summary>
    internal static string NotListed(MissingName name, int searched)
    {
        // A word no title or abstract uses either: true whether the question meant an organisation or a topic ("MemGPT papers").
        var text = $"No paper in the {searched} papers lists {name.Written} {name.RoleText}{(name.Organisation && name.TextMentions == 0 ? ", and none mentions it" : "")}.";
        if (name.Closest is { } closest)
        {
            text += $" Did you mean {closest}?";
        }
        else if (name.Organisation && name.TextMentions is > 0 and var mentions)
        {
            text += mentions == 1
                ? $" 1 paper mentions {name.Written} in its title or abstract; ask about {name.Written} to see it."
                : $" {mentions} papers mention {name.Written} in their title or abstract; ask about {name.Written} to see them.";
        }
        return text;
    }

    /// <summary>"Title (3 upvotes; Mar 25, 2024)": a most-upvoted list states the count it is ordered by.</summary>
    private static string DescribeForList(Paper paper, bool upvotes)
    {
        if (!upvotes || paper.Upvotes is not { } n)
        {
            return DescribeForList(paper);
        }
        var count = n == 1 ? "1 upvote" : $"{n} upvotes";
        return paper.Date is { } date ? $"{paper.Title} ({count}; {date.ToDisplay()})" : $"{paper.Title} ({count})";
    }

    /// <summary>
    /// A listed paper with what the question asked about it: "Title (3 upvotes; Mar 25, 2024)" for the most upvoted,
    /// "Title (20 authors; Dec 18, 2024)" for an author count, "Title (Nov 15, 2022; code: https://…)" for papers with
    /// code ("no link in the listing" when the listing marks code but gives none).
    /// </summary>
    private static string DescribeForList(Paper paper, MetadataQuery query)
    {
        var parts = new List<string>();
        if (query.Order == MetadataOrder.MostUpvoted && paper.Upvotes is { } votes)
        {
            parts.Add(votes == 1 ? "1 upvote" : $"{votes} upvotes");
        }
        if ((query.ByAuthorCount || query.HasAuthorCount) && paper.AuthorCount is { } authors)
        {
            parts.Add(authors == 1 ? "1 author" : $"{authors} authors");
        }
        if (paper.Date is { } date)
        {
            parts.Add(date.ToDisplay());
        }
        if (query.WithCode || query.CodeFlagged)
        {
            parts.Add(paper.PrimaryLink is { } link ? $"code: {link}" : "no link in the listing");
        }
        return parts.Count == 0 ? paper.Title : $"{paper.Title} ({string.Join("; ", parts)})";
    }

    private static string DescribeForList(Paper paper) =>
        paper.Date is { } date ? $"{paper.Title} ({date.ToDisplay()})" : paper.Title;
}
