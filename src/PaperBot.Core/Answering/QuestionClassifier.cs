using System.Text.RegularExpressions;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Storage;
using PaperBot.Core.Text;

namespace PaperBot.Core.Answering;

/// <summary>
/// The rule-based question reader. It recognises metadata questions in the ways people phrase them: lists of
/// papers by author, organisation, date, upvotes, code, newest or oldest, with or without a topic; and stored
/// facts of one named paper (its authors, author count, date, organisations, upvotes, code). Names are found by
/// looking up the question's two- to four-word runs (and single words next to an organisation cue) among stored
/// author and organisation names, so no list of names is ever loaded into memory. Words that only frame the
/// question ("in the corpus", "tagged", "field", "reading list") are never a topic; a leftover word becomes a
/// topic only when the corpus has it. A question that names a paper by its title, when no stored title matches,
/// is told so instead of being answered from other papers.
/// </summary>
public sealed partial class QuestionClassifier
{
    private readonly PaperStore _store;
    private readonly TitleFinder _titles;
    private readonly StoredNameLinker _names;
    private readonly PaperSearcher? _searcher;
    private readonly TimeProvider _time;

    public QuestionClassifier(PaperStore store) : this(store, null)
    {
    }

    /// <param name="searcher">Tells which leftover words the corpus has (only those become a topic); without it
    /// every leftover content word counts.</param>
    public QuestionClassifier(PaperStore store, PaperSearcher? searcher) : this(store, searcher, TimeProvider.System)
    {
    }

    /// <param name="time">The clock that relative dates ("this month", "last year") are read against.</param>
    public QuestionClassifier(PaperStore store, PaperSearcher? searcher, TimeProvider time)
    {
        _store = store;
        _titles = new TitleFinder(store.Database);
        _names = new StoredNameLinker(store.Database);
        _searcher = searcher;
        _time = time;
    }

    /// <summary>Today's date by the injected clock (UTC).</summary>
    private DateOnly Today => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);

    public QuestionIntent Classify(string question)
    {
        question = ChatSpelling.Normalise(question ?? "");
        var words = Tokenizer.Words(question);
        var lists = ListSignal.IsMatch(question);
        _names.Refresh();
        if (Comparison(question) is { } compared)
        {
            // "which came out first, BARS-CTR or the merge conflict resolution paper?": two named papers side by side.
            return compared;
        }

        var names = ReadNames(question);
        var authors = names.Authors;
        var author = authors.Count > 0 ? authors[0] : null;
        var org = names.Orgs.Count > 0 ? names.Orgs[0] : null;
        var nameWords = names.Words;

        if (authors.Count == 1 && org is null && names.Missing.Count == 0 && CoAuthorsCue.IsMatch(question))
        {
            // "who does Yifan Song usually write with?", "Peiyi Wang's frequent co-authors": the other names on the author's
            // papers, not the papers "about usually".
            return new QuestionIntent.CoAuthorsOf(author!.Display);
        }
        if (author is null && org is null && names.Missing.Count == 0 && CollectionSizeCue.Match(question) is { Success: true } size)
        {
            // "how many papers are there?", "how many authors are listed?": counted over every paper, with what the listings lack.
            return new QuestionIntent.CollectionSize(size.Groups["authors"].Success ? CollectionSubject.Authors
                : size.Groups["orgs"].Success ? CollectionSubject.Organisations : CollectionSubject.Papers);
        }
        if (author is null && org is null && names.Missing.Count == 0 && TopYearsCue.IsMatch(question))
        {
            return new QuestionIntent.TopYears();
        }
        if (author is null && org is null && names.Missing.Count == 0 && TopByUpvotesCue.Match(question) is { Success: true } voted)
        {
            // "who is the most upvoted author?", "which organisation has the most upvotes?": a sum over each name's papers,
            // not the most upvoted paper.
            var count = voted.Groups["n"].Success ? int.Parse(voted.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) : 1;
            var subject = Topic(TopByUpvotesCue.Replace(question, " "), [], out var unknownSubjectWords);
            if (!unknownSubjectWords)
            {
                return new QuestionIntent.TopNames(voted.Groups["org"].Success, Math.Clamp(count, 1, 20), subject, ByUpvotes: true);
            }
        }
        if (author is null && org is null && names.Missing.Count == 0 && TopNamesCue.Match(question) is { Success: true } top)
        {
            // "who has the most papers here?", "which organisation has the most papers on reasoning?", "top 3 authors".
            var organisations = top.Groups["org"].Success;
            var count = top.Groups["n"].Success ? int.Parse(top.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) : 1;
            var subject = Topic(TopNamesCue.Replace(question, " "), [], out var unknownSubjectWords);
            if (!unknownSubjectWords)
            {
                return new QuestionIntent.TopNames(organisations, Math.Clamp(count, 1, 20), subject);
            }
        }
        // "with more than 10 authors", "10+ authors": a condition on the author count, so "authors" asks for no authors.
        var authorCountRead = AuthorCount(question);
        var authorCount = authorCountRead?.Bounds;
        // "which paper has the longest author list?", "the largest team in 2023": papers ordered by their author count.
        var authorOrder = AuthorOrderCue.Match(question);
        var category = ArxivCategory.In(question);
        // Facts of one named paper: "who wrote StableMoE?", "how many authors does the ElasWave paper have?".
        var facts = FactsAsked(question);
        if (authorCount is not null || authorOrder.Success)
        {
            facts &= ~(PaperFacts.Authors | PaperFacts.AuthorCount);
        }
        if (facts != PaperFacts.None && author is null && org is not null && names.Orgs.Count == 1 && names.Missing.Count == 0 && !lists
            && OnlyPaperOf(question, org) is { } orgPaper)
        {
            // "does the LAMDA-NeSy paper have code?": an organisation with one paper names that paper.
            return new QuestionIntent.AboutPaper(orgPaper.Title, orgPaper.Id, facts);
        }
        if (facts != PaperFacts.None && author is null && org is null && !lists)
        {
            if (NamedPaperIn(question) is { } named)
            {
                return new QuestionIntent.AboutPaper(named.Name, named.Match.Id, facts);
            }
            // "who's behind the survey that tries to unify preference learning for LLMs?": a relative clause describes a
            // paper; it is never a title, even when it holds a name-like word ("LLMs"), so it is not read as a missing title.
            var described = names.Missing.Count == 0 ? DescribedPaper.Match(question) : Match.Empty;
            // "that llm-for-science paper about P vs NP": words before "paper" describe it too, unless one is written as a
            // name ("the ChronoRAG paper about …" names a paper, which may be missing).
            if (described.Success && described.Groups["modifier"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(IsNameToken))
            {
                described = Match.Empty;
            }
            // "the survey that covers speculative decoding": that it is a survey (or a benchmark) is part of the description;
            // a verb of the date ask at its end ("… about P vs NP published") is not.
            var describedWords = described.Success ? DescriptionTail.Replace(described.Groups["description"].Value, "").Trim() : "";
            var description = described.Success && Tokenizer.ContentWords(described.Groups["modifier"].Value + " " + describedWords).Count >= 2
                ? (described.Groups["kind"].Success ? described.Groups["kind"].Value + ": " : "") + (described.Groups["modifier"].Value + describedWords).Trim() : null;
            if (description is not null && described.Groups["clause"].Success)
            {
                return new QuestionIntent.AboutDescribedPaper(description, facts);
            }
            if (names.Missing.Count == 0 && PaperNameIn(question) is { } name && LooksLikeAName(name, question))
            {
                // "the paper on letting a long-context LLM rank all the passages … - where is the code?": what follows "the
                // paper on" describes the paper; a name-like word inside it ("LLM") does not make the words a title. A
                // quoted or title-cased name still is one ("the paper on 'Attention Is All You Need'").
                if (description is not null && !QuotedName.IsMatch(question) && !TitleSpan.IsMatch(name))
                {
                    // "… where is the code, and what do they call their new training objective?": an ask the stored facts
                    // cannot answer goes to the content path, whose answer also shows the paper's link.
                    return AsksBeyondFacts(question) ? new QuestionIntent.Content() : new QuestionIntent.AboutDescribedPaper(description, facts);
                }
                return new QuestionIntent.MissingPaper(name);
            }
            if (description is not null)
            {
                return new QuestionIntent.AboutDescribedPaper(description, facts);
            }
        }
        if (author is null && org is null && names.Missing.Count == 0 && WhoWorksOnCue.IsMatch(question)
            && Topic(WhoWorksOnCue.Replace(question, " "), [], out var unknownFieldWords) is { } field && !unknownFieldWords)
        {
            // "who is working on speculative decoding here?", "which groups research model merging?": the people (and
            // organisations) of the topic's papers, from their listings. A word no paper uses leaves it to the content path,
            // which declines ("who is working on quantum gravity?" is not answered with papers on "quantum").
            return new QuestionIntent.WhoWorksOn(field);
        }
        if (names.Impossible)
        {
            // "papers by Geoffrey Hinton", "what has deepmind published?": no listing has the name, so no paper matches;
            // the words are not searched as a topic, which would answer with unrelated papers.
            return new QuestionIntent.MissingNames(names.Missing);
        }

        // "what's new?", "anything added recently?": the newest papers by listing date.
        var whatsNew = WhatsNew.IsMatch(question);
        // "this month", "the past 6 months": read against the clock, only where the question asks for papers by when they
        // came out ("papers from last year", "anything published this week?", "what's new this month?").
        var dates = DateRangeParser.Parse(question, lists || whatsNew || PublishedCue.IsMatch(question) ? Today : null, WrittenWithItsYear);
        var order = authorOrder.Success ? (authorOrder.Groups["few"].Success ? MetadataOrder.FewestAuthors : MetadataOrder.MostAuthors)
            : MostUpvoted.IsMatch(question) ? MetadataOrder.MostUpvoted
            : Newest.IsMatch(question) || whatsNew ? MetadataOrder.Newest
            : Oldest.IsMatch(question) ? MetadataOrder.Oldest
            : MetadataOrder.Default;
        // "pku papers without code": the papers whose listing marks no code (or says nothing of it).
        var noCode = WithoutCode.Match(question);
        var codeFlag = !noCode.Success && CodeFlag.IsMatch(question);
        var withCode = !noCode.Success && (codeFlag || WithCode.IsMatch(question));
        int? minUpvotes = null, maxUpvotes = null;
        if (UpvoteThreshold.Match(question) is { Success: true } threshold)
        {
            var n = int.Parse(threshold.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var op = Regex.Replace(threshold.Groups["op"].Value.ToLowerInvariant(), @"\s+", " ");
            switch (op)
            {
                case "more than" or "over" or "above" or ">":
                    minUpvotes = n + 1;
                    break;
                case "fewer than" or "less than" or "under" or "below" or "<":
                    maxUpvotes = n - 1;
                    break;
                case "at most" or "<=" or "≤" or "or fewer" or "or less" or "or below" or "or under":
                    maxUpvotes = n;
                    break;
                case "exactly" or "precisely" or "only" or "=":
                    (minUpvotes, maxUpvotes) = (n, n);
                    break;
                default:
                    // "at least 3", "3+", ">= 3", "3 or more", "3 and up".
                    minUpvotes = n;
                    break;
            }
        }
        else if (ExactUpvotes.Match(question) is { Success: true } exact)
        {
            // "papers with 3 upvotes": a number of upvotes with no word before it is that number exactly, unless a
            // comparison follows ("3 upvotes or more").
            var n = int.Parse(exact.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var tail = exact.Groups["tail"].Value.ToLowerInvariant();
            minUpvotes = tail.Length == 0 || !Regex.IsMatch(tail, "fewer|less|below|under") ? n : null;
            maxUpvotes = tail.Length == 0 || Regex.IsMatch(tail, "fewer|less|below|under") ? n : null;
        }
        else if (order != MetadataOrder.MostUpvoted && AnyUpvotes.IsMatch(question))
        {
            // "2023 papers that got any upvotes", "upvoted papers about RL": at least one.
            minUpvotes = 1;
        }
        int? limit = null;
        if (order != MetadataOrder.Default)
        {
            var count = CountAsked.Match(question);
            // "which 2024 papers have the fewest authors?": the papers tied for the fewest (a limit of one keeps ties),
            // since many listings share the same small count; a number asked for ("the 3 latest") is that many.
            // "moe papers sorted by date": every matching paper, in that order.
            limit = count.Success ? int.Parse(count.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture)
                : OrderRequests.AsksForWholeList(question) ? null
                : order is MetadataOrder.MostAuthors or MetadataOrder.FewestAuthors ? 1
                : words.Contains("papers") || words.Contains("ones") || (whatsNew && !Newest.IsMatch(question)) ? 5 : 1;
        }
        var conditions = author is not null || org is not null || dates is not null || withCode || noCode.Success || order != MetadataOrder.Default
            || minUpvotes is not null || maxUpvotes is not null || authorCount is not null || category is not null;
        // "how many papers are about mixture of experts?", "count the papers on reward models": a count of the papers
        // that write the topic (the one topic rule), not the few a ranking puts first. "how many papers mention GSM8K?"
        // stays with the content path, whose answer is every paper that writes the name, counted.
        var counted = conditions ? Match.Empty : CountOfPapersCue.Match(question);
        if (counted.Success && MentionQuestion.NameOf(question) is not null)
        {
            counted = Match.Empty;
        }
        if (!conditions && !counted.Success)
        {
            return NamedPaperMissing(question) is { } missing ? new QuestionIntent.MissingPaper(missing) : new QuestionIntent.Content();
        }

        // "Tianyu Liu papers with code - links?": with code asked for, a word asking for its link is no topic.
        var topics = Topics(question, nameWords.Concat(org?.Words ?? []).Concat(dates?.Words ?? []).Concat(Tokenizer.Words(noCode.Value))
            .Concat(Tokenizer.Words(category?.Text ?? "")).Concat(authorCountRead?.Words ?? []).Concat(Tokenizer.Words(authorOrder.Value))
            .Concat(withCode ? CodeLinkWords : []).Concat(Tokenizer.Words(counted.Value)), out var unknownTopicWords);
        if (counted.Success && (topics.Count == 0 || unknownTopicWords))
        {
            // "how many papers are about quantum gravity?": a word no paper uses goes to the content path, which declines.
            return new QuestionIntent.Content();
        }
        var query = new MetadataQuery
        {
            Author = author?.Display,
            CoAuthors = authors.Skip(1).Select(a => a.Display).ToList(),
            AnyAuthor = names.AnyAuthor && authors.Count > 1,
            Org = org?.Display,
            OtherOrgs = names.Orgs.Skip(1).Select(o => o.Display).ToList(),
            AnyOrg = names.AnyOrg && names.Orgs.Count > 1,
            AuthorsJoinedByAnd = names.AuthorsByAnd && authors.Count > 1,
            OrgsJoinedByAnd = names.OrgsByAnd && names.Orgs.Count > 1,
            Missing = names.Missing,
            FromDate = dates?.From,
            ToDate = dates?.To,
            MonthOfYear = dates?.MonthOfYear,
            DayOfMonth = dates?.DayOfMonth,
            OtherDates = dates?.Alternatives ?? [],
            DateText = dates?.Text,
            RelativeDate = dates?.Relative ?? false,
            WithCode = withCode,
            WithoutCode = noCode.Success,
            CodeFlagged = codeFlag,
            MinUpvotes = minUpvotes,
            MaxUpvotes = maxUpvotes,
            MinAuthors = authorCount?.Min,
            MaxAuthors = authorCount?.Max,
            Category = category?.Code,
            Order = order,
            Limit = limit,
            Topic = topics.Count > 0 ? topics[0] : null,
            OtherTopics = topics.Skip(1).ToList(),
            TopicsAsWritten = topics.Select(t => TopicAsWritten(question, t)).ToList(),
        };
        if (!lists && order != MetadataOrder.Default && Tokenizer.Words(string.Join(' ', topics)).Distinct(StringComparer.Ordinal).Count() >= 4 && query with { Order = MetadataOrder.Default, Limit = null, Topic = null, OtherTopics = [] } is { HasConditions: false })
        {
            // "…write a second chain of thought that reviews its first one before answering": "first one" orders nothing
            // here; a long description with no list asked for and no other condition is a question about content. Words
            // alternatives share count once ("image generation or editing" is three words, as written).
            return new QuestionIntent.Content();
        }
        if (unknownTopicWords && !lists && author is null && org is null)
        {
            // "who won the 2022 football world cup?": a year, and words no paper uses. Nothing asks for a list, and a
            // list "about world" would drop what the question is about; it goes to the content path, which declines.
            return new QuestionIntent.Content();
        }
        var onlyAuthor = authors.Count == 1 && names.Missing.Count == 0 && org is null && dates is null && !withCode && !noCode.Success && order == MetadataOrder.Default
            && query.Topic is null && minUpvotes is null && maxUpvotes is null && authorCount is null && category is null;
        var onlyOrg = names.Orgs.Count == 1 && names.Missing.Count == 0 && author is null && dates is null && !withCode && !noCode.Success && order == MetadataOrder.Default
            && query.Topic is null && minUpvotes is null && maxUpvotes is null && authorCount is null && category is null;
        return onlyAuthor ? new QuestionIntent.ByAuthor(author!.Display)
            : onlyOrg ? new QuestionIntent.ByOrg(org!.Display)
            : new QuestionIntent.ByMetadata(query);
    }

    /// <summary>
    /// The language model's reading of a question, checked against the database: an author or organisation must
    /// be a stored name, dates must be real dates, a named paper is looked up by its title (absent: the question
    /// names a missing paper), and the topic keeps only words the corpus has. Null when the reading does not hold
    /// up, so the rule-based reading is used instead.
    /// </summary>
    public QuestionIntent? FromFilters(QuestionFilters filters, string? question = null)
    {
        switch (filters.Kind?.Trim().ToLowerInvariant())
        {
            case "content":
                return new QuestionIntent.Content();
            case "paper":
                var facts = PaperFacts.None;
                foreach (var fact in filters.Facts ?? [])
                {
                    facts |= fact.Trim().ToLowerInvariant() switch
                    {
                        "authors" => PaperFacts.Authors,
                        "author_count" => PaperFacts.AuthorCount,
                        "date" => PaperFacts.Date,
                        "orgs" => PaperFacts.Orgs,
                        "upvotes" => PaperFacts.Upvotes,
                        "code" => PaperFacts.Code,
                        _ => PaperFacts.None,
                    };
                }
                if (facts == PaperFacts.None || string.IsNullOrWhiteSpace(filters.Paper) || filters.Paper.Length > 300)
                {
                    return null;
                }
                var name = filters.Paper.Trim();
                return _titles.Find(name) is { } match ? new QuestionIntent.AboutPaper(name, match.Id, facts)
                    : NamedPaperIn(name) is { } named ? new QuestionIntent.AboutPaper(named.Name, named.Match.Id, facts)
                    : new QuestionIntent.MissingPaper(name);
            case "top_names":
                // "who has the most papers here?": counted by SQL over the listings; the topic keeps only corpus words.
                var organisations = filters.NamesOf?.Trim().ToLowerInvariant() switch
                {
                    "orgs" or "organisations" or "organizations" => true,
                    "authors" or null or "" => false,
                    _ => (bool?)null,
                };
                return organisations is { } orgsWanted
                    ? new QuestionIntent.TopNames(orgsWanted, Math.Clamp(filters.Limit ?? 1, 1, 20), string.IsNullOrWhiteSpace(filters.Topic) ? null : Topic(filters.Topic, []))
                    : null;
            case "list":
                // Each name is a stored one (linked as the rules link them), or, when the question writes it, one no
                // listing has; a name the question does not contain is the model's invention and voids the reading.
                var authorNames = new List<string>();
                var orgNames = new List<string>();
                var missing = new List<MissingName>();
                // As the rules do, a name one slip from a stored one is linked where the question speaks of authorship
                // ("papers by Peiyi Wnag"), and a person's name the question writes ("anything from Junqin He") when
                // exactly one stored author is one slip away; otherwise the near names are offered.
                var slips = question is null || AuthorshipCue.IsMatch(ChatSpelling.Normalise(question));
                foreach (var written in new[] { filters.Author }.Concat(filters.OtherAuthors ?? []).Where(a => !string.IsNullOrWhiteSpace(a)))
                {
                    if (StoredAuthor(written!, slips) is { } stored)
                    {
                        authorNames.Add(stored);
                    }
                    else if (WrittenIn(question, written!) is { } words)
                    {
                        var (meant, offer) = NearAuthor(words);
                        if (meant is not null)
                        {
                            authorNames.Add(meant);
                        }
                        else
                        {
                            missing.Add(new MissingName(written!.Trim(), NameRole.Author, offer, null));
                        }
                    }
                    else
                    {
                        return null;
                    }
                }
                foreach (var written in new[] { filters.Org }.Concat(filters.OtherOrgs ?? []).Where(o => !string.IsNullOrWhiteSpace(o)))
                {
                    if (StoredOrg(written!) is { } stored)
                    {
                        orgNames.Add(stored);
                    }
                    else if (WrittenIn(question, written!) is { } words)
                    {
                        missing.Add(new MissingName(written!.Trim(), NameRole.Organisation, _names.Closest(words, organisation: true),
                            words.Count == 1 ? _names.TextMentions(words[0], NamedOrgMaxMentions + 1) : null));
                    }
                    else
                    {
                        return null;
                    }
                }
                var anyAuthor = string.Equals(filters.AuthorsJoin?.Trim(), "or", StringComparison.OrdinalIgnoreCase);
                var anyOrg = string.Equals(filters.OrgsJoin?.Trim(), "or", StringComparison.OrdinalIgnoreCase);
                // As the rules read a plain "and": the authors' shared papers, the organisations' papers of either, said in
                // the answer; "both", "together" keep every name needed.
                var asked = question is null ? [] : Tokenizer.Words(ChatSpelling.Normalise(question));
                var plainAnd = asked.Contains("and") && !asked.Contains("or") && !asked.Contains("either") && !asked.Any(TogetherWords.Contains);
                var orgsByAnd = plainAnd && orgNames.Count + missing.Count(m => m.Organisation) > 1;
                anyOrg |= orgsByAnd;
                var authorsByAnd = plainAnd && !anyAuthor && authorNames.Count > 1;
                var missingAuthors = missing.Count(m => !m.Organisation);
                var missingOrgs = missing.Count(m => m.Organisation);
                if ((missingAuthors > 0 && (!anyAuthor || authorNames.Count == 0)) || (missingOrgs > 0 && (!anyOrg || orgNames.Count == 0)))
                {
                    return new QuestionIntent.MissingNames(missing);
                }
                string? author = authorNames.Count > 0 ? authorNames[0] : null, org = orgNames.Count > 0 ? orgNames[0] : null;
                if (!TryDateKey(filters.From, out var from) || !TryDateKey(filters.To, out var to))
                {
                    return null;
                }
                // "this month", "the past 6 months": the model names the period, the clock gives its dates.
                DateRangeParser.DateRange? period = null;
                if (!string.IsNullOrWhiteSpace(filters.Period))
                {
                    period = DateRangeParser.Relative(filters.Period, Today);
                    if (period is null)
                    {
                        return null;
                    }
                    (from, to) = (period.From, period.To);
                }
                var topics = new[] { filters.Topic }.Concat(filters.OtherTopics ?? []).Where(t => !string.IsNullOrWhiteSpace(t))
                    .Select(t => Topic(t!, [])).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
                // A category must be one of arXiv's, written "cs.CL" or "CL"; anything else voids the reading.
                string? category = null;
                if (!string.IsNullOrWhiteSpace(filters.Category))
                {
                    var written = filters.Category.Trim();
                    category = ArxivCategory.In(written.Contains('.', StringComparison.Ordinal) ? written : "cs." + written)?.Code;
                    if (category is null)
                    {
                        return null;
                    }
                }
                var order = filters.Order?.Trim().ToLowerInvariant() switch
                {
                    "newest" => MetadataOrder.Newest,
                    "oldest" => MetadataOrder.Oldest,
                    "most_upvoted" => MetadataOrder.MostUpvoted,
                    "most_authors" => MetadataOrder.MostAuthors,
                    "fewest_authors" => MetadataOrder.FewestAuthors,
                    _ => MetadataOrder.Default,
                };
                var query = new MetadataQuery
                {
                    Author = author,
                    CoAuthors = authorNames.Skip(1).ToList(),
                    AnyAuthor = anyAuthor && authorNames.Count > 1,
                    Org = org,
                    OtherOrgs = orgNames.Skip(1).ToList(),
                    AnyOrg = anyOrg && orgNames.Count > 1,
                    AuthorsJoinedByAnd = authorsByAnd,
                    OrgsJoinedByAnd = orgsByAnd && orgNames.Count > 1,
                    Missing = missing,
                    FromDate = from,
                    ToDate = to,
                    DateText = period?.Text ?? (from is null && to is null ? null : $"{filters.From ?? "…"} to {filters.To ?? "…"}"),
                    RelativeDate = period is not null,
                    WithCode = filters.WithoutCode != true && (filters.WithCode == true || filters.CodeFlag == true),
                    WithoutCode = filters.WithoutCode == true,
                    CodeFlagged = filters.WithoutCode != true && filters.CodeFlag == true,
                    MinUpvotes = filters.MinUpvotes,
                    MaxUpvotes = filters.MaxUpvotes,
                    MinAuthors = filters.MinAuthors,
                    MaxAuthors = filters.MaxAuthors,
                    Category = category,
                    Order = order,
                    Limit = order == MetadataOrder.Default ? null : Math.Clamp(filters.Limit ?? 1, 1, 100),
                    Topic = topics.Count > 0 ? topics[0] : null,
                    OtherTopics = topics.Skip(1).ToList(),
                };
                return query.HasConditions ? new QuestionIntent.ByMetadata(query) : null;
            default:
                return null;
        }
    }

    /// <summary>The stored organisation the model wrote: as written, but for accents or case, or the one stored name it
    /// begins ("microsoft" for microsoft-research).</summary>
    private string? StoredOrg(string name)
    {
        var trimmed = name.Trim();
        if (_store.KnownOrgKeys([trimmed]).Contains(Ingest.IngestService.NameKey(trimmed)))
        {
            return trimmed;
        }
        var words = Tokenizer.Words(trimmed);
        return _names.Organisation(words) ?? _names.OrganisationStartingWith(words);
    }

    /// <summary>The words of a name the model gave, when the question writes them in that order (folded); null otherwise.</summary>
    private static IReadOnlyList<string>? WrittenIn(string? question, string name)
    {
        var words = Tokenizer.Words(name);
        if (question is null || words.Count == 0)
        {
            return null;
        }
        var asked = Tokenizer.Words(ChatSpelling.Normalise(question));
        for (var i = 0; i + words.Count <= asked.Count; i++)
        {
            if (asked.Skip(i).Take(words.Count).SequenceEqual(words, StringComparer.Ordinal))
            {
                return words;
            }
        }
        return null;
    }

    /// <summary>The stored spelling of an author name the model wrote: as written, or but for accents, case or one slip.</summary>
    private string? StoredAuthor(string name, bool slips)
    {
        var trimmed = name.Trim();
        return _store.KnownAuthorKeys([trimmed]).Contains(Ingest.IngestService.NameKey(trimmed)) ? trimmed
            : (slips ? _names.Author(Tokenizer.Words(trimmed)) : _names.AuthorAsWritten(Tokenizer.Words(trimmed))) ?? ReversedAuthor(Tokenizer.Words(trimmed));
    }

    private static bool TryDateKey(string? iso, out int? key)
    {
        key = null;
        if (string.IsNullOrWhiteSpace(iso))
        {
            return true;
        }
        if (!DateOnly.TryParseExact(iso.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
        {
            return false;
        }
        key = date.Year * 10000 + date.Month * 100 + date.Day;
        return true;
    }

    private sealed record Name(string Display, IReadOnlyList<string> Words, int Start = -1, int Length = 0);

    /// <summary>
    /// The authors the question names: runs of two to four words that are stored author names (longest first, none
    /// overlapping: "papers with both Damai Dai and Li Dong"); when none is written exactly and the question speaks of
    /// authorship ("by", "wrote", "author", "'s papers"), a run that is a stored name but for accents, case or one slip
    /// of the keyboard ("Peiyi Wnag").
    /// </summary>
    private List<Name> FindAuthors(string question, IReadOnlyList<string> words, out HashSet<string> nameWords)
    {
        nameWords = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<Name>();
        var taken = new bool[words.Count];
        var runs = Runs(words, 2, 4);
        var authors = _store.KnownAuthorKeys(runs.Select(r => r.Text));
        foreach (var run in runs)
        {
            if (authors.Contains(Ingest.IngestService.NameKey(run.Text)) && !Enumerable.Range(run.Start, run.Length).Any(i => taken[i]))
            {
                var display = DisplayNameOf(question, words, run.Start, run.Length);
                if (found.Any(f => Ingest.IngestService.NameKey(f.Display) == Ingest.IngestService.NameKey(display)))
                {
                    continue;
                }
                for (var i = run.Start; i < run.Start + run.Length; i++)
                {
                    taken[i] = true;
                }
                nameWords.UnionWith(run.Words);
                found.Add(new Name(display, run.Words, run.Start, run.Length));
            }
        }
        if (found.Count == 0)
        {
            // "papers by Xu Runxin": a name written family name first, when no name is written as stored.
            var pairs = runs.Where(r => r.Length == 2 && r.Words.All(IsNameWord)).ToList();
            var swapped = _store.KnownAuthorKeys(pairs.Select(r => $"{r.Words[1]} {r.Words[0]}"));
            foreach (var run in pairs.Where(r => swapped.Contains(Ingest.IngestService.NameKey($"{r.Words[1]} {r.Words[0]}"))))
            {
                if (!Enumerable.Range(run.Start, run.Length).Any(i => taken[i]) && ReversedAuthor(run.Words) is { } reversed
                    && !found.Any(f => Ingest.IngestService.NameKey(f.Display) == Ingest.IngestService.NameKey(reversed)))
                {
                    taken[run.Start] = taken[run.Start + 1] = true;
                    nameWords.UnionWith(run.Words);
                    found.Add(new Name(reversed, run.Words, run.Start, run.Length));
                }
            }
        }
        if (found.Count > 0 || !AuthorshipCue.IsMatch(question))
        {
            return found;
        }
        foreach (var run in runs.Where(r => r.Length <= 3 && r.Words.All(IsNameWord)))
        {
            if (_names.Author(run.Words) is { } stored)
            {
                nameWords.UnionWith(run.Words);
                found.Add(new Name(stored, run.Words, run.Start, run.Length));
                break;
            }
        }
        if (found.Count == 0 && FamilyNameAlone(words) is { } person)
        {
            nameWords.UnionWith(person.Words);
            found.Add(person);
        }
        return found;
    }

    /// <summary>
    /// "what did Sui write?", "anything by Sui?", "Sui's papers": a family name alone, in an author's place (after "by",
    /// between "did/has" and a verb of writing, before "'s papers"), stands for the one stored person who has it. Not a
    /// word of a longer name ("papers by Zheng Lin"), not a stored organisation, and not a family name several stored
    /// people share ("Li"): which one is meant cannot be told.
    /// </summary>
    private Name? FamilyNameAlone(IReadOnlyList<string> words)
    {
        for (var i = 1; i < words.Count; i++)
        {
            var before = words[i - 1];
            var after = i + 1 < words.Count ? words[i + 1] : "";
            var placed = (before == "by" && (after.Length == 0 || !IsNameWord(after)))
                || (before is "did" or "has" or "have" && AuthorVerbs.Contains(after))
                || (after == "s" && i + 2 < words.Count && ListingNouns.Contains(words[i + 2]) && !IsNameWord(before));
            if (placed && IsNameWord(words[i]) && !IsStoredOrganisation([words[i]]) && _names.AuthorByFamilyName(words[i]) is { } stored)
            {
                return new Name(stored, [words[i]], i, 1);
            }
        }
        return null;
    }

    /// <summary>The stored author a two-word name stands for when written family name first ("Xu Runxin" for Runxin Xu),
    /// in the stored spelling; null when the words in the other order are no stored name.</summary>
    private string? ReversedAuthor(IReadOnlyList<string> words)
    {
        if (words.Count != 2)
        {
            return null;
        }
        var swapped = $"{words[1]} {words[0]}";
        return _store.KnownAuthorKeys([swapped]).Contains(Ingest.IngestService.NameKey(swapped)) ? _names.Author([words[1], words[0]]) ?? swapped : null;
    }

    /// <summary>A word that may be part of a person's or organisation's name: letters, not a stop word and not one
    /// of the words questions are made of.</summary>
    private static bool IsNameWord(string word) =>
        word.Length > 1 && word.All(char.IsLetter) && !Tokenizer.IsStopWord(word) && !MetadataWords.Contains(word) && !FramingWords.Contains(word)
        && !CueWords.Contains(word);

    /// <summary>
    /// An organisation: several words anywhere ("Cohere Labs"); one word next to a cue ("from pku", "pku papers",
    /// "tagged with tsinghua", "the orgs field"), or alone when the corpus uses the word more as that organisation's
    /// tag than as a word in titles and abstracts ("any pku work on reasoning", "tsinghua model merging?"), because
    /// one-word names ("meta", "apple") are also ordinary words. A word that only begins one stored name is that
    /// organisation ("microsoft" for the tag microsoft-research), under the same rule but with a cue next to it.
    /// </summary>
    private Name? FindOrg(string question, IReadOnlyList<string> words, IReadOnlySet<string> nameWords)
    {
        var orgCue = OrgCue.IsMatch(question);
        var runs = Runs(words, 1, 3)
            .Where(r => !r.Words.Any(nameWords.Contains))
            .Where(r => r.Length > 1 ? !r.Words.All(Tokenizer.IsStopWord) : !Tokenizer.IsStopWord(r.Text) && !MetadataWords.Contains(r.Text) && !FramingWords.Contains(r.Text))
            .ToList();
        var orgs = _store.KnownOrgKeys(runs.Select(r => r.Text));
        foreach (var run in runs)
        {
            if (orgs.Contains(Ingest.IngestService.NameKey(run.Text))
                && (run.Length > 1 || orgCue || NextToOrgCue(words, run) || MostlyATag(run.Text, run.Text)))
            {
                return new Name(DisplayNameOf(question, words, run.Start, run.Length), run.Words, run.Start, run.Length);
            }
        }
        // Written without the stored accents or capitals ("wunlp" for "WüNLP"): the index folds them, as the question's
        // words are folded, so the stored name is found through it; only next to a cue, as above.
        foreach (var run in runs.Where(r => r.Words.All(IsNameWord)))
        {
            if ((run.Length > 1 || orgCue || NextToOrgCue(words, run)) && _names.Organisation(run.Words) is { } stored)
            {
                return new Name(stored, run.Words, run.Start, run.Length);
            }
        }
        foreach (var run in runs.Where(r => r.Words.All(IsNameWord)))
        {
            // "is there anything by Cohere?": "by" after a listing word places a name plainly ("Cohere" is then the stored
            // "Cohere Labs", though abstracts write "coherence", which the index stems alike).
            if (_names.OrganisationStartingWith(run.Words) is { } longer && (NextToOrgCue(words, run) || AfterListingBy(words, run) || MostlyATag(run.Text, longer)))
            {
                return new Name(longer, run.Words, run.Start, run.Length);
            }
        }
        return null;
    }

    /// <summary>"anything by X", "papers by X", "work published by X": the run follows "by" after a listing word.</summary>
    private static bool AfterListingBy(IReadOnlyList<string> words, Run run) =>
        run.Start >= 2 && words[run.Start - 1] == "by" && ByListing.Contains(words[run.Start - 2]);

    private static bool NextToOrgCue(IReadOnlyList<string> words, Run run)
    {
        var before = run.Start > 0 ? words[run.Start - 1] : "";
        var after = run.Start + run.Length < words.Count ? words[run.Start + run.Length] : "";
        return OrgNeighbours.Contains(before) || OrgNeighbours.Contains(after);
    }

    /// <summary>
    /// Whether the corpus uses the written word more as the stored organisation's tag than as a word in titles and
    /// abstracts: "pku" tags 30 papers and one abstract writes it; "meta" or "apple" as a tag would not pass, since
    /// abstracts use them as words. Both counts stop early, so the cost does not grow with the corpus.
    /// </summary>
    private bool MostlyATag(string written, string stored)
    {
        if (written.Contains(' ', StringComparison.Ordinal))
        {
            return true;
        }
        var tags = _names.OrganisationTags(stored);
        return tags > 0 && _names.TextMentions(written, tags) < tags;
    }

    /// <summary>Words next to a one-word organisation that show it is one: "pku papers", "tsinghua-affiliated".</summary>
    private static readonly HashSet<string> OrgNeighbours = new(StringComparer.Ordinal)
    {
        "paper", "papers", "work", "works", "research", "authors", "people", "team", "teams", "lab", "labs", "group",
        "groups", "folks", "articles", "affiliated", "affiliation", "affiliations", "from", "at", "tagged", "org",
        "orgs", "organisation", "organization", "institution", "university",
        // An organisation doing something: "everything pku has", "what tsinghua published".
        "has", "have", "published", "released", "put", "wrote",
    };

    /// <summary>
    /// What is left once names, dates and condition words are taken out, kept only when it is a content word
    /// the corpus has: "which pku papers are about mixture of experts" keeps "mixture experts"; "which papers in
    /// the corpus list Li Dong" keeps nothing.
    /// </summary>
    private string? Topic(string question, IEnumerable<string> taken) => Topic(question, taken, out _);

    /// <summary>The topic words of a metadata question that the corpus has; <paramref name="unknownWords"/> when some
    /// content word was left out because no paper uses it.</summary>
    private string? Topic(string question, IEnumerable<string> taken, out bool unknownWords)
    {
        unknownWords = false;
        var used = taken.ToHashSet(StringComparer.Ordinal);
        var text = FramingPhrase.Replace(question, " ");
        var candidates = Tokenizer.ContentWords(text)
            .Where(w => !used.Contains(w) && !MetadataWords.Contains(w) && !FramingWords.Contains(w) && !w.Any(char.IsDigit))
            .ToList();
        if (candidates.Count == 0)
        {
            return null;
        }
        if (_searcher is not null)
        {
            var weights = _searcher.Weights(candidates);
            var known = candidates.Where(weights.IsKnown).ToList();
            unknownWords = known.Count < candidates.Count;
            candidates = known;
        }
        return candidates.Count > 0 ? string.Join(' ', candidates) : null;
    }

    /// <summary>
    /// The topics of a metadata question: one, or several given as alternatives ("papers on X or Y", "X / Y", "X and/or
    /// Y"), a paper about any one of them matching. Alternatives sharing a part written once are made whole ("pku papers
    /// about in-context or continual learning": "in-context learning", "continual learning"; <see cref="CoordinatedSubjects"/>).
    /// A part left with no topic word ("pku or tsinghua papers on X": the names are taken) is no alternative.
    /// </summary>
    private List<string> Topics(string question, IEnumerable<string> taken, out bool unknownWords)
    {
        var used = taken.ToList();
        var parts = AlternativeParts(question);
        if (parts.Count < 2)
        {
            return Topic(question, used, out unknownWords) is { } one ? [one] : [];
        }
        unknownWords = false;
        var topics = new List<string>();
        foreach (var part in parts)
        {
            if (Topic(part, used, out var unknown) is { } topic && !topics.Contains(topic, StringComparer.Ordinal))
            {
                topics.Add(topic);
            }
            unknownWords |= unknown;
        }
        return topics;
    }

    /// <summary>
    /// The question cut at its alternatives: after the word that introduces the topic when the alternatives are there
    /// ("pku papers about in-context or continual learning"), else the whole question ("pku AMR parsing or continual
    /// learning papers"); the first part keeps the words before the alternatives, as they were read before. One part
    /// when the question gives no alternatives, or parts that cannot be made whole (then it is one topic).
    /// </summary>
    private List<string> AlternativeParts(string question)
    {
        Func<string, bool> written = _titles.OccursInText;
        if (TopicIntroduced.Match(question) is { Success: true } m
            && CoordinatedSubjects.Of(m.Groups["subject"].Value, written, bareSlash: true) is { } subjects)
        {
            return [question[..m.Groups["subject"].Index] + subjects[0], .. subjects.Skip(1)];
        }
        return CoordinatedSubjects.Of(question, written, bareSlash: true) is { } whole ? whole.ToList() : [question];
    }

    /// <summary>
    /// Bounds on the author count a question sets: "more than 10 authors" (at least 11), "at least 12", "10+", "10 or
    /// more", "fewer than 3", "at most 2", "exactly 9", "between 5 and 8", and a bare "with 9 authors" (exactly 9).
    /// Null when it sets none ("how many authors does X have?" asks for a count, it sets none).
    /// </summary>
    internal static (int? Min, int? Max)? AuthorCountIn(string question) => AuthorCount(question)?.Bounds;

    /// <summary>
    /// The author-count bounds a question sets and the words that set them (never a topic). A count written in words is
    /// read as its number ("just two authors", "three people"), "solo-authored", "single-author" or "a sole author" as
    /// one, and "two-author papers", "3-author papers" as that number exactly.
    /// </summary>
    private static ((int? Min, int? Max) Bounds, IReadOnlyList<string> Words)? AuthorCount(string question)
    {
        var spelled = new List<string>();
        var written = SingleAuthor.Replace(question, m =>
        {
            spelled.AddRange(Tokenizer.Words(m.Value));
            return " 1-author ";
        });
        written = CountWordBeforeAuthors.Replace(written, m =>
        {
            spelled.Add(m.Value.ToLowerInvariant());
            return CountWords[m.Value.ToLowerInvariant()].ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
        (int? Min, int? Max)? bounds = null;
        Match? read = null;
        if (AuthorsBetween.Match(written) is { Success: true } between)
        {
            var (a, b) = (int.Parse(between.Groups["a"].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(between.Groups["b"].Value, System.Globalization.CultureInfo.InvariantCulture));
            (bounds, read) = ((Math.Min(a, b), Math.Max(a, b)), between);
        }
        else if (AuthorThreshold.Match(written) is { Success: true } threshold)
        {
            var n = int.Parse(threshold.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var op = Regex.Replace(threshold.Groups["op"].Value.ToLowerInvariant(), @"\s+", " ");
            bounds = op switch
            {
                "more than" or "over" or "above" or ">" => (n + 1, null),
                "fewer than" or "less than" or "under" or "below" or "<" => (null, Math.Max(n - 1, 0)),
                "at most" or "no more than" or "up to" or "<=" or "≤" or "or fewer" or "or less" => (null, n),
                "exactly" or "precisely" or "only" or "just" or "=" or "" => (n, n),
                _ => (n, null),
            };
            read = threshold;
        }
        else if (HyphenatedAuthorCount.Match(written) is { Success: true } hyphenated)
        {
            // "two-author papers", "3-author preprints", "solo-authored work": that many authors exactly.
            var n = int.Parse(hyphenated.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
            (bounds, read) = ((n, n), hyphenated);
        }
        return bounds is { } found ? (found, [.. spelled, .. Tokenizer.Words(read!.Value)]) : null;
    }

    /// <summary>Counts written in words before an author noun ("two authors", "three people").</summary>
    private static readonly Dictionary<string, int> CountWords = new(StringComparer.Ordinal)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8,
        ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15,
        ["twenty"] = 20,
    };

    /// <summary>Words that ask for a paper's code link; no topic once code is asked for ("papers with code - links?").</summary>
    private static readonly string[] CodeLinkWords = ["link", "links", "url", "urls", "repo", "repos", "repository", "repositories", "github"];

    /// <summary>
    /// "the LAMDA-NeSy paper", "the baidu paper": when the question calls a paper by the one organisation it names, and
    /// that organisation's listings hold exactly one paper, that paper (its title and id); otherwise null, since "the pku
    /// paper" among 30 names none.
    /// </summary>
    private (string Title, string Id)? OnlyPaperOf(string question, Name org)
    {
        // "the LAMDA-NeSy paper", also inside a longer frame ("the repo for the LAMDA-NeSy paper"): the organisation's words
        // end the words before "paper".
        var framed = ThePaper.Matches(question).Any(m => Tokenizer.Words(Clean(m.Groups["name"].Value)) is var words
            && words.Count >= org.Words.Count && words.TakeLast(org.Words.Count).SequenceEqual(org.Words, StringComparer.Ordinal));
        if (!framed)
        {
            return null;
        }
        var ids = _store.PaperIdsByOrg(org.Display);
        return ids.Count == 1 && _store.Get(ids[0]) is { } paper ? (paper.Title, paper.Id) : null;
    }

    /// <summary>"aime 2024": a word and a year that some paper writes together, so the year is the name's edition. Never
    /// for a word of the question's own ("papers 2024", "published 2023"), however large the corpus.</summary>
    private bool WrittenWithItsYear(string phrase)
    {
        var words = Tokenizer.Words(phrase);
        return words.Count == 2 && !MetadataWords.Contains(words[0]) && !FramingWords.Contains(words[0]) && !CueWords.Contains(words[0])
            && !ListingNouns.Contains(words[0]) && !ByListing.Contains(words[0]) && _titles.OccursInText(phrase);
    }

    /// <summary>Which facts of one paper the question asks for; none when it asks for none.</summary>
    internal static PaperFacts FactsAsked(string question)
    {
        var facts = PaperFacts.None;
        if (AuthorCountCue.IsMatch(question))
        {
            facts |= PaperFacts.AuthorCount;
        }
        else if (AuthorsCue.IsMatch(question))
        {
            facts |= PaperFacts.Authors;
        }
        if (DateCue.IsMatch(question))
        {
            facts |= PaperFacts.Date;
        }
        if (OrgsOfCue.IsMatch(question))
        {
            facts |= PaperFacts.Orgs;
        }
        if (UpvotesOfCue.IsMatch(question))
        {
            facts |= PaperFacts.Upvotes;
        }
        if (CodeOfCue.IsMatch(question))
        {
            facts |= PaperFacts.Code;
        }
        if (LinksOfCue.IsMatch(question))
        {
            facts |= PaperFacts.Links;
        }
        // "upvotes and project page for 'A Theoretical Study …'", "repo and authors for StableMoE", "code for the … paper":
        // fact nouns joined before "for/of/on" each ask their fact; one noun alone only where it opens the question.
        foreach (Match list in FactList.Matches(question))
        {
            if (list.Groups["fact"].Captures.Count >= 2 || string.IsNullOrWhiteSpace(question[..list.Index]))
            {
                foreach (Capture noun in list.Groups["fact"].Captures)
                {
                    facts |= FactOfNoun(noun.Value.ToLowerInvariant());
                }
            }
        }
        return facts;
    }

    private static PaperFacts FactOfNoun(string noun) => noun switch
    {
        _ when noun.StartsWith("author", StringComparison.Ordinal) || noun == "writers" => PaperFacts.Authors,
        _ when noun.Contains("date", StringComparison.Ordinal) || noun == "year" => PaperFacts.Date,
        _ when noun.StartsWith("org", StringComparison.Ordinal) || noun.StartsWith("affiliation", StringComparison.Ordinal)
            || noun.StartsWith("lab", StringComparison.Ordinal) || noun.StartsWith("institution", StringComparison.Ordinal) => PaperFacts.Orgs,
        _ when noun.EndsWith("votes", StringComparison.Ordinal) || noun == "likes" => PaperFacts.Upvotes,
        _ when noun.StartsWith("link", StringComparison.Ordinal) || noun.StartsWith("url", StringComparison.Ordinal) || noun.Contains("page", StringComparison.Ordinal)
            || noun.Contains("site", StringComparison.Ordinal) => PaperFacts.Links,
        _ => PaperFacts.Code,
    };

    // A noun that names one stored fact of a paper; a list of them joined by commas, "and", "+", "&" or "/", then "for/of/on".
    private const string FactNoun = @"(?<fact>author\s+list|authors|writers|(?:release\s+|publication\s+)?date|year|orgs?|organi[sz]ations|affiliations?|labs|institutions|(?:up)?votes|likes|code|github|gitlab|repo|repository|implementation|links?|urls?|project\s+(?:page|website|site)|home\s*page|web\s*site|web\s*page)";
    private static Regex FactList => field ??= new(@"(?<![\p{L}\p{N}'’-])(?:(?:the|its|their)\s+)?" + FactNoun
        + @"(?:\s*(?:,\s*(?:and\s+)?|\+\s*|&\s*|/\s*|and\s+|plus\s+)(?:(?:the|its|their)\s+)?" + FactNoun + @")*\s+(?:for|of|on)\s", RegexOptions.IgnoreCase);

    /// <summary>Whether one of the question's asks (<see cref="Composition.QuestionAsks"/>) wants something other than a
    /// stored fact: "what do they call their new training objective" beside "where is the code".</summary>
    private static bool AsksBeyondFacts(string question) =>
        Composition.QuestionAsks.Of(question).Any(ask => FactsAsked(ask) == PaperFacts.None);

    /// <summary>
    /// The paper a fact question names: a quoted title, "the X paper", or what is left once the question's own
    /// words ("who wrote", "how many authors does … have", "when was … released") are taken out.
    /// </summary>
    internal static string? PaperNameIn(string question)
    {
        if (QuotedName.Match(question) is { Success: true } quoted)
        {
            return quoted.Groups["name"].Value.Trim();
        }
        var text = FactScaffolding.Replace(WithoutLinkFrame(question), " ");
        if (ThePaper.Match(text) is { Success: true } the && the.Groups["name"].Value.Trim().Length > 0)
        {
            return Clean(the.Groups["name"].Value);
        }
        var kept = Regex.Split(text, @"\s+")
            .Select(t => t.Trim('?', '!', '.', ',', ';', ':', '"', '\'', '“', '”', '‘', '’', '(', ')'))
            .Where(t => t.Length > 0 && !NameScaffolding.Contains(t.ToLowerInvariant()))
            .ToList();
        var name = Clean(string.Join(' ', kept));
        return Tokenizer.ContentWords(name).Count > 0 || Tokenizer.Words(name).Count > 1 ? name : null;
    }

    /// <summary>
    /// The stored paper a fact question names. First the reader's own cut (a quoted title, "the X paper", or what is
    /// left once the question's own words are taken out); then the longest run of the question's words that names a
    /// stored title: the title's short name ("shieldlm" for "ShieldLM: Empowering…"), most of the title's words in
    /// order, or its first three content words or more. So the words around a name ("how popular is", "affiliated
    /// with", "author count for") need no pattern of their own.
    /// </summary>
    private (string Name, TitleFinder.TitleMatch Match)? NamedPaperIn(string question)
    {
        if (PaperNameIn(question) is { } name && _titles.Find(name) is { } match)
        {
            return (name, match);
        }
        // "what's the upvote count on the alignment faking paper": the frame's first "the" is not the name's; the name is
        // the words just before "paper", so shorter tails of the framed words are tried too (in the title's order, and two
        // content words or a short name: "benchmark" alone names no paper).
        foreach (Match framed in ThePaper.Matches(question))
        {
            var words = Clean(framed.Groups["name"].Value).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 1; i < words.Length; i++)
            {
                var tail = string.Join(' ', words[i..]);
                if (CanBoundAName(words[i]) && _titles.Find(tail) is { Phrase: true } found
                    && (Tokenizer.ContentWords(tail).Count >= 2 || IsShortNameOf(tail, found.Title)))
                {
                    return (tail, found);
                }
            }
        }
        var tokens = NameTokens.Matches(question).Select(m => m.Value.Trim('\'', '-', ':', '.')).Where(t => t.Length > 0).ToList();
        for (var length = Math.Min(tokens.Count, MaxNameTokens); length >= 1; length--)
        {
            for (var start = 0; start + length <= tokens.Count; start++)
            {
                var span = tokens.GetRange(start, length);
                if (!CanBoundAName(span[0]) || !CanBoundAName(span[^1]))
                {
                    continue;
                }
                var text = string.Join(' ', span);
                var content = Tokenizer.ContentWords(text);
                if (content.Count == 0 || _titles.Find(text) is not { Phrase: true } found)
                {
                    continue;
                }
                // A few words that merely occur in some title ("preference optimization", "reinforcement learning") do
                // not name it: the run must be the title's short name, hold most of its words, or open it with three.
                var titleWords = Tokenizer.ContentWords(found.Title).Count;
                var accepted = IsShortNameOf(text, found.Title)
                    || (length > 1 && content.Count >= 2 && (content.Count * 5 >= titleWords * 3 || (found.Leads && content.Count >= 3)));
                if (accepted)
                {
                    return (text, found);
                }
            }
        }
        // "the FIB benchmark paper - where's the code?", "who wrote the T1 paper?": a framed name no title holds, which one
        // abstract presents as its own ("a new benchmark called FIB"), names that paper.
        foreach (var (framedName, framed) in NamedPapers(question))
        {
            foreach (var candidate in new[] { framedName, WithoutKindNoun(framedName) })
            {
                if (framed && candidate is not null && candidate.Split(' ').Any(IsNameToken) && _titles.IntroducingPaper(candidate) is { } introducing)
                {
                    return (candidate, introducing);
                }
            }
        }
        return null;
    }

    // A title named in a question is rarely longer; the bound keeps the number of look-ups small.
    private const int MaxNameTokens = 14;

    /// <summary>Whether a word may open or close a paper's name: not a stop word and not one of the question's own words.</summary>
    private static bool CanBoundAName(string token)
    {
        var words = Tokenizer.Words(token);
        return words.Count > 0 && !Tokenizer.IsStopWord(words[0]) && !Tokenizer.IsStopWord(words[^1])
            && !NameScaffolding.Contains(words[0]) && !CueWords.Contains(words[0]) && !CueWords.Contains(words[^1])
            && !FramingWords.Contains(words[^1]) && !MetadataWords.Contains(words[^1]);
    }

    /// <summary>"shieldlm" names "ShieldLM: Empowering LLMs…": the words before the title's colon, case and hyphens aside.</summary>
    private static bool IsShortNameOf(string name, string title)
    {
        var colon = title.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && string.Concat(Tokenizer.Words(title[..colon])) == string.Concat(Tokenizer.Words(name));
    }

    private static string Clean(string name)
    {
        var cleaned = Regex.Replace(name, @"^\s*(?:the|a|an)\s+|'s\b|’s\b", " ", RegexOptions.IgnoreCase);
        cleaned = Regex.Replace(cleaned, @"\b(?:paper|article|preprint|work|one)\s*$", " ", RegexOptions.IgnoreCase);
        return Regex.Replace(cleaned, @"\s+", " ").Trim(' ', '?', '!', '.', ',', ';', ':', '"', '\'', '“', '”');
    }

    /// <summary>
    /// "the gist of the DeepSeekMoE paper", "the main idea of the ChronoRAG paper": the pattern's "the" is the frame's
    /// first, so the name is what follows the last "the" inside it, when nothing before that is written as a name. A
    /// title that holds "the" ("the Lost in the Middle paper") keeps every word.
    /// </summary>
    internal static string AfterInnerThe(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var last = Array.FindLastIndex(words, w => w.Equals("the", StringComparison.OrdinalIgnoreCase));
        return last <= 0 || last == words.Length - 1 || words[..last].Any(IsNameToken) ? name : string.Join(' ', words[(last + 1)..]);
    }

    /// <summary>
    /// A content question that names a paper the corpus lacks: a quoted title, "the X paper" with X a name,
    /// "X by Dai et al.", or a long title-cased span. Names that match a stored title are not missing.
    /// </summary>
    private string? NamedPaperMissing(string question)
    {
        foreach (var (name, framed) in NamedPapers(question))
        {
            // A run of capitalised words that no cue marks as a title ("judges at the European Court of Human Rights")
            // may be any proper name; when some paper's text writes it, it is a name the corpus uses, not a missing paper.
            // A framed name may be the paper's method rather than its title ("the T1 paper": "we present T1"); a name the
            // abstracts only mention ("the GPT-4 paper") is still a paper the corpus lacks.
            if (_titles.Find(name) is null && (framed ? !IntroducedName(name) : !_titles.OccursInText(name)))
            {
                return name;
            }
        }
        return null;
    }

    /// <summary>Whether an abstract presents the framed name as its own, written with its kind ("the T1 paper") or without
    /// it ("the FIB benchmark paper": "we propose a new benchmark called FIB").</summary>
    private bool IntroducedName(string name) =>
        _titles.IntroducedInText(name) || (WithoutKindNoun(name) is { } bare && (_titles.Find(bare) is not null || _titles.IntroducedInText(bare)));

    /// <summary>A framed name without the word for what kind of thing it is ("FIB" for "FIB benchmark", "T1" for "T1
    /// model"), when the rest still holds a word written as a name; null otherwise.</summary>
    private static string? WithoutKindNoun(string name)
    {
        var bare = KindNoun.Replace(name, "").Trim();
        return bare.Length > 0 && bare.Length < name.Trim().Length && bare.Split(' ').Any(IsNameToken) ? bare : null;
    }

    /// <summary>The names a question gives a paper; <c>Framed</c> when a cue (quotes, "the … paper", "by … et al.")
    /// marks it as a paper's name rather than a bare run of capitalised words.</summary>
    internal static IEnumerable<(string Name, bool Framed)> NamedPapers(string question)
    {
        if (QuotedName.Match(question) is { Success: true } quoted && Tokenizer.Words(quoted.Groups["name"].Value).Count >= 1
            && !ReportedSpeech.IsMatch(question[..quoted.Index]))
        {
            // What someone says, asks or writes ("the user says 'I believe …'", "answering 'I'm fairly confident'") is
            // quoted speech, not a title. A quotation that does not start with a capital ("models 'lack the understanding
            // of …'") may be a phrase from an abstract: it names a missing paper only when no paper writes it.
            var name = quoted.Groups["name"].Value.Trim();
            var capitalised = !char.IsLower(name.First(char.IsLetterOrDigit));
            // A lower-case quotation inside a long question is a phrase set off, not a title ("what makes a model start
            // 'thinking out loud' for pages…", "a classifier that separates 'torn between labels' doubt from…"): a title
            // typed in lower case is the question's object, with few words of its own around it ("summarize 'attention
            // is all you need'").
            var around = Tokenizer.ContentWords(question.Remove(quoted.Index, quoted.Length)).Count;
            if ((Tokenizer.Words(name).Count >= 3 || IsNameToken(name)) && (capitalised || around <= MaxWordsAroundLowerCaseTitle))
            {
                yield return (name, capitalised);
            }
        }
        foreach (Match m in ThePaper.Matches(question))
        {
            var name = AfterInnerThe(Clean(m.Groups["name"].Value));
            if (KindThenPaper.IsMatch(question, m.Index + m.Length))
            {
                // "the GPT-4 technical report paper": the report is the paper's name, "paper" its kind.
                var nameEnd = m.Groups["name"].Index + m.Groups["name"].Length;
                name = AfterInnerThe(Clean(m.Groups["name"].Value + " " + question[nameEnd..(m.Index + m.Length)].Trim()));
            }
            if (name.Split(' ').Any(IsNameToken) || IsVersionedName(name))
            {
                yield return (name, true);
            }
        }
        if (ByEtAlTail.IsMatch(question) && ByEtAl.Match(question) is { Success: true } by)
        {
            // "summarize ChronoRAG by Dai et al.": the name is the capitalised tail, not the verb before it.
            var tokens = Clean(by.Groups["name"].Value).Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .SkipWhile(t => !char.IsUpper(t[0]) && !t.Any(char.IsDigit)).ToList();
            if (tokens.Count > 0 && tokens.Any(IsNameToken))
            {
                yield return (string.Join(' ', tokens), true);
            }
        }
        foreach (Match m in TitleSpan.Matches(question))
        {
            var span = m.Value.Trim().TrimEnd(':', '-', '\'');
            if (QuestionWords.Contains(span.Split(' ')[0].ToLowerInvariant()))
            {
                // "Which Paper Uses LLM Agents…" typed in title case is a question, not a title.
                continue;
            }
            var capitalised = span.Split(' ').Count(t => t.Length > 0 && char.IsUpper(t[0]));
            if (capitalised >= 4)
            {
                yield return (span, false);
            }
        }
    }

    /// <summary>The most content words a question may write around a lower-case quotation for the quotation to name a
    /// paper ("what does 'deep residual learning for image recognition' propose?": one). The tuning files' lower-case
    /// quotations that are not titles have 6 or more around them; their titles in lower case, at most 2.</summary>
    private const int MaxWordsAroundLowerCaseTitle = 4;

    private static readonly HashSet<string> QuestionWords = new(StringComparer.Ordinal)
    {
        "which", "what", "how", "who", "when", "why", "where", "does", "do", "did", "is", "are", "can", "could",
        "should", "would", "will", "any", "list", "show", "find", "give", "tell", "papers", "paper",
    };

    /// <summary>A token that reads as a name rather than a word: ChronoRAG, GPT-4, MEMTRACK, Long-CLIP, Tülu.</summary>
    /// <summary>The question's words written as names ("StabelMoE", "Math-Shepherd"), as written.</summary>
    internal static IEnumerable<string> NameShapedTokens(string question) =>
        NameTokens.Matches(question).Select(m => m.Value.Trim('\'', '-', ':', '.')).Where(t => t.Length > 0 && IsNameToken(t));

    /// <summary>"llama 2", "gpt4", "qwen2.5": a model's name typed in lower case with its version, as a framed name ("the
    /// llama 2 paper"). A word of three letters or more followed by a number, or letters and digits in one word.</summary>
    private static bool IsVersionedName(string name)
    {
        var tokens = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return tokens.Length <= 3 && (VersionedName.Matches(name).Any(m => !CounterWords.Contains(m.Groups["word"].Value.ToLowerInvariant()))
            || tokens.Any(t => t.Count(char.IsLetter) >= 2 && char.IsLetter(t[0]) && t.Any(char.IsDigit)));
    }

    private static Regex VersionedName => field ??= new(@"\b(?<word>\p{L}{3,})\s+[0-9]+(?:\.[0-9]+)?\b", RegexOptions.CultureInvariant);

    // "the version 2 paper on speculative decoding", "the top 5 paper", "the page 2 paper": a word that counts or
    // numbers things before the number, not a model's name.
    private static readonly HashSet<string> CounterWords = new(StringComparer.Ordinal)
    {
        "top", "page", "pages", "part", "parts", "version", "step", "steps", "phase", "stage", "table", "figure", "fig",
        "chapter", "section", "round", "day", "days", "week", "weeks", "month", "months", "year", "years", "level", "type",
        "number", "vol", "volume", "issue", "item", "option", "list", "slide", "question", "task", "the", "and", "with",
        "from", "about", "than", "last", "first", "best", "only", "other", "those", "these", "all",
    };

    // "the GPT-4 technical report paper": a kind word ("report") then "paper" right after ThePaper's match.
    private static Regex KindThenPaper => field ??= new(@"\G\s+(?:paper|preprint|article)\b", RegexOptions.IgnoreCase);

    private static bool IsNameToken(string token)
    {
        var letters = token.Where(char.IsLetter).ToList();
        if (letters.Count == 0)
        {
            return false;
        }
        var upper = letters.Count(char.IsUpper);
        return upper >= 2 || (upper == 1 && char.IsUpper(token[0]) && token.Any(char.IsDigit)) || (char.IsUpper(token[0]) && token.Contains('-'))
            || (upper == 1 && char.IsUpper(token[0]) && letters.Count >= 3);
    }

    /// <summary>When a fact question's name matches no title, is it a name (so "not in the corpus" is right) or just words?</summary>
    private static bool LooksLikeAName(string name, string question) =>
        QuotedName.IsMatch(question) || name.Split(' ').Any(IsNameToken) || TitleSpan.IsMatch(name);

    /// <summary>Words that state a metadata condition rather than a topic.</summary>
    private static readonly HashSet<string> MetadataWords = new(StringComparer.Ordinal)
    {
        "latest", "newest", "recent", "recently", "upvoted", "upvotes", "upvote", "popular", "highest", "top", "best",
        "code", "published", "publish", "released", "release", "written", "wrote", "write", "came", "come", "comes",
        "since", "after", "before", "until", "through", "dated", "date", "dates", "year", "years", "month", "months",
        "authored", "author", "authors", "coauthored", "co", "org", "orgs", "organisation", "organization", "lab", "labs",
        "company", "university", "team", "group", "institute", "affiliated", "available", "public", "open", "source",
        "having", "number", "appeared", "listed", "posted", "put", "many", "mostly", "between", "ones", "last", "first",
        "jan", "january", "feb", "february", "mar", "march", "apr", "april", "jun", "june", "jul", "july", "aug", "august",
        "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december", "here", "whats", "s",
        "oldest", "earliest", "older", "newer", "votes", "voted", "likes", "liked", "fewer", "less", "least", "greater",
        "above", "below", "affiliation", "affiliations", "organisations", "organizations", "institution", "institutions",
        "written", "coauthor", "coauthors", "wrote", "half", "second", "early", "late", "mid", "quarter",
        "together", "jointly", "both", "exactly", "count", "total", "tally", "either", "worked", "working",
        "new", "newly", "added", "additions", "lately", "week", "weeks", "days", "sorted",
    };

    /// <summary>Words that frame a question about the collection and are never its topic.</summary>
    private static readonly HashSet<string> FramingWords = new(StringComparer.Ordinal)
    {
        "corpus", "collection", "listing", "listings", "listed", "tagged", "tag", "tags", "field", "fields", "column",
        "database", "db", "index", "indexed", "reading", "entry", "entries", "record", "records", "set", "library",
        "catalog", "catalogue", "flag", "flags", "flagged", "marked", "mark", "badge", "card", "cards", "availability",
        "among", "whose", "ones", "articles", "article", "preprints", "preprint", "deal", "deals", "dealing", "cover",
        "covers", "covering", "tackle", "tackles", "tackling", "address", "addresses", "addressing", "concern",
        "concerns", "concerning", "discuss", "discusses", "regarding", "related", "relating", "relate", "focus",
        "focused", "focusing", "focuses", "topic", "topics", "area", "areas", "everything", "show", "shows", "see",
        "got", "gets", "received", "receive", "collected", "saved", "contain", "contains", "hold", "holds",
        "available", "exist", "exists", "there", "co", "written", "people", "person", "folks", "researchers",
        "current", "currently", "overall", "say", "says", "said", "saying", "state", "states", "whole", "entire", "items", "item", "stored", "store", "in", "name", "names",
    };

    /// <summary>Words of the question's own asking ("who wrote", "author count", "how popular", "affiliated with")
    /// that never open or close a paper's name, and are never part of a person's name.</summary>
    private static readonly HashSet<string> CueWords = new(StringComparer.Ordinal)
    {
        "wrote", "write", "writes", "written", "authored", "behind", "author", "authors", "count", "popular", "affiliated",
        "affiliation", "affiliations", "upvotes", "upvoted", "votes", "likes", "liked", "code", "github", "repo",
        "implementation", "date", "dated", "published", "released", "come", "came", "out", "org", "orgs",
        "organisation", "organization", "organisations", "organizations", "lab", "labs", "institution", "university",
        "people", "folks", "researchers", "team", "number", "year", "month", "day", "when", "old", "many", "much",
        "worked", "contributed", "credited", "listed", "list", "whats", "who", "whos",
    };

    private sealed record Run(string Text, int Start, int Length, IReadOnlyList<string> Words);

    private static List<Run> Runs(IReadOnlyList<string> words, int minLength, int maxLength)
    {
        var runs = new List<Run>();
        for (var length = maxLength; length >= minLength; length--)
        {
            for (var i = 0; i + length <= words.Count; i++)
            {
                var runWords = words.Skip(i).Take(length).ToList();
                runs.Add(new Run(string.Join(" ", runWords), i, length, runWords));
            }
        }
        return runs;
    }

    /// <summary>The words as the user wrote them, for echoing back ("Damai Dai", not "damai dai").</summary>
    private static string DisplayNameOf(string question, IReadOnlyList<string> words, int start, int length)
    {
        var original = Regex.Split(question, @"[^\p{L}\p{N}]+").Where(w => w.Length > 0).ToList();
        return original.Count == words.Count ? string.Join(" ", original.Skip(start).Take(length)) : string.Join(" ", words.Skip(start).Take(length));
    }

    // "which papers…", "list…", "any…", "all…": a set of papers is wanted, not facts of one.
    // Read once per question, so interpreted and built on first use (docs/contributing.md, "Regular expressions").
    private static Regex ListSignal => field ??= new(@"\b(?:which|what)\s+(?:of\s+\w+'?s?\s+)?(?:papers|ones|works|articles)\b|\bpapers\b|\blist\s+(?:all|every|the\s+papers)\b|\bany\s+papers?\b|\banything\s+(?:by|from|co-?written|written)\b|\beverything\b|\b(?:latest|newest|oldest|earliest|most\s+recent(?:ly)?)\b|\b(?:came|come|published|released|added)\s+(?:out\s+)?(?:last|first)\b|\bmost\s+upvoted\b|\bwhich\s+(?:paper|one)\s+(?:has|got|is)\s+the\s+most\b", RegexOptions.IgnoreCase);

    // A question about who wrote something, where a name written with a slip may be linked to a stored author.
    private static Regex AuthorshipCue => field ??= new(@"\bby\b|\bwr[io]te\b|\bwritten\b|\bauthor|\bco-?author|\bco-?written|'s\s+(?:papers?|work|stuff|preprints?|latest|newest|oldest|earliest|first)\b|\bpapers?\s+(?:of|from)\b", RegexOptions.IgnoreCase);

    // Whitespace-separated tokens with their inner punctuation ("Math-Shepherd", "P vs. NP", "(Almost)").
    private const string PersonNoun = @"(?:author|person|researcher|writer|people|authors|researchers|writers)";
    private const string OrgNoun = @"(?<org>orgs?|organi[sz]ations?|labs?|groups?|institutions?|universit(?:y|ies)|compan(?:y|ies)|teams?|affiliations?)";

    /// <summary>"who is the most upvoted author?", "which org has the most upvotes?", "top 3 organisations by upvotes".</summary>
    private static Regex TopByUpvotesCue => field ??= new(@"\b(?:most|highest)[\s-]+(?:up)?(?:voted|popular|liked)\s+(?:" + PersonNoun + "|" + OrgNoun + @")\b(?!\s+(?:paper|papers|work|preprint)\b)(?:(?!\bpapers?\b).)*$"
        + @"|\b(?:which|what)\s+(?:" + PersonNoun + "|" + OrgNoun + @")\s+(?:has|have|had|got|gets|received|collected|earned|drew|draws)\s+(?:the\s+)?(?:most|highest\s+(?:number\s+of|total))\s+(?:(?:up)?votes|likes|upvoted\s+papers)\b"
        + @"|\bwho(?:'s|\s+is|\s+has|\s+have|\s+got|\s+gets|\s+received|\s+collected|\s+earned)\s+(?:the\s+)?(?:most|highest\s+(?:number\s+of|total))\s+(?:(?:up)?votes|likes)\b"
        + @"|\bwho(?:'s|\s+is)\s+the\s+most\s+(?:up)?(?:voted|popular|liked)(?:\s+(?:author|person|researcher|writer))?\s+(?:by|in\s+terms\s+of)\s+(?:up)?votes\b"
        + @"|\btop\s+(?:(?<n>[0-9]{1,2})\s+)?(?:authors|people|researchers|(?<org>orgs|organi[sz]ations|labs|groups|institutions|universities|companies|affiliations))\s+by\s+(?:total\s+)?(?:up)?votes\b"
        + @"|\b(?:authors?|people|researchers|(?<org>orgs?|organi[sz]ations?|labs?|groups?|institutions?))\s+with\s+the\s+most\s+(?:up)?votes\b"
        + @"|\b(?:(?:which|what)\s+(?:" + PersonNoun + "|" + OrgNoun + @")(?:'s|s'|’s)|whose)\s+papers\s+(?:have|has|had|got|get|gets|received|collected|earned|drew|draw)\s+(?:the\s+)?(?:most|highest\s+(?:number\s+of|total))\s+(?:(?:up)?votes|likes)\b", RegexOptions.IgnoreCase);

    /// <summary>"which year has the most papers?", "papers per year", "what was the busiest year?".</summary>
    private static Regex TopYearsCue => field ??= new(@"\b(?:which|what)\s+year\s+(?:has|had|have|saw|got|brought|produced|gave|is|was)\s+(?:the\s+)?most\s*(?:papers|preprints|publications|entries|listings)?\b|\b(?:papers|preprints|publications)\s+(?:per|by|each)\s+year\b|\bbusiest\s+year\b|\bmost\s+papers\s+(?:in|from)\s+(?:which|what)\s+year\b|\bhow\s+many\s+papers\s+(?:per|each|in\s+each)\s+year\b", RegexOptions.IgnoreCase);

    /// <summary>
    /// The topic's words as the question wrote them, with the small words and hyphens between them ("mixture of
    /// experts" for "mixture experts", "in-context learning" for "context learning"); the topic itself when the question
    /// does not write its words in a row.
    /// </summary>
    internal static string TopicAsWritten(string question, string topic)
    {
        var words = topic.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return topic;
        }
        var pattern = @"(?<![\p{L}\p{N}])(?:(?:in|on|by|of|to|at|for|under|over)-)?"
            + string.Join(@"(?:[\s-]+(?:of|the|for|in|on|to|a|an|with|and|from|by)(?=[\s-]))?[\s-]+", words.Select(Regex.Escape))
            + @"(?![\p{L}\p{N}])";
        try
        {
            var written = Regex.Match(question, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
            return written.Success ? written.Value : topic;
        }
        catch (RegexMatchTimeoutException)
        {
            return topic;
        }
    }

    /// <summary>
    /// "how many papers are about X?", "how many papers discuss X", "how many of the papers use X", "count the papers on X":
    /// the words that ask for a count of a topic's papers (the topic is what follows).
    /// </summary>
    private static Regex CountOfPapersCue => field ??= new(@"^\W*(?:so\s+|and\s+|ok\s+)?(?:how\s+many\s+(?:of\s+(?:the|these|your)\s+)?|count\s+(?:the\s+|all\s+(?:the\s+)?)?|(?:what(?:'s|\s+is)\s+)?the\s+number\s+of\s+)(?:papers|preprints|articles|works|studies|entries|ones)\s+(?:(?:are\s+there|do\s+you\s+have|have\s+you\s+got|in\s+(?:here|the\s+corpus|the\s+list|the\s+reading\s+list))\s+)?(?:(?:that|which)\s+)?(?:(?:are|were|do|did|have|has)\s+)?(?:about|on|regarding|concerning|discuss(?:es|ed|ing)?|cover(?:s|ed|ing)?|stud(?:y|ies|ied|ying)|address(?:es|ed|ing)?|tackl(?:e|es|ed|ing)|focus(?:es|ed|ing)?\s+on|deal(?:s|t|ing)?\s+with|look(?:s|ed|ing)?\s+(?:at|into)|investigat(?:e|es|ed|ing)|explor(?:e|es|ed|ing)|work(?:s|ed|ing)?\s+on|us(?:e|es|ed|ing)|mention(?:s|ed|ing)?|propos(?:e|es|ed|ing))\b", RegexOptions.IgnoreCase);

    /// <summary>"how many papers are there?", "how big is the corpus?", "how many authors are listed?".</summary>
    private static Regex CollectionSizeCue => field ??= new(@"^\W*(?:so\s+|and\s+|ok\s+)?(?:how\s+many\s+(?:(?:papers|preprints|articles|entries|listings)|(?<authors>(?:different\s+|distinct\s+|unique\s+)?(?:authors|people|researchers))|(?<orgs>(?:different\s+|distinct\s+|unique\s+)?(?:orgs|organi[sz]ations|labs|institutions|affiliations)))\s+(?:are\s+there|do\s+you\s+(?:have|know(?:\s+of)?|hold|cover|track)|have\s+you\s+got|are\s+(?:listed|named|indexed|covered|included|in\s+(?:the\s+|this\s+|your\s+|my\s+)?(?:corpus|collection|database|db|list|reading\s+list|index|library))|(?:are\s+)?in\s+(?:total|all)|total|altogether|overall)(?:\s+(?:in\s+(?:the\s+|this\s+|your\s+)?(?:corpus|collection|database|db|list|reading\s+list|index|library)|here|in\s+total|overall|altogether|in\s+all))*|how\s+(?:big|large)\s+is\s+(?:the|this|your)\s+(?:corpus|collection|database|library|index|reading\s+list)|(?:what(?:'s|\s+is)\s+)?the\s+size\s+of\s+(?:the|this|your)\s+(?:corpus|collection|database|library|index))\s*[?.!]*\s*$", RegexOptions.IgnoreCase);

    /// <summary>"the paper that explains X", "the study on X", "the one about X": a paper named by what it does, not by its title.</summary>
    private static Regex DescribedPaper => field ??= new(@"\b(?:the|that|this)\s+(?<modifier>(?:[\p{L}\p{N}][\p{L}\p{N}\-]*\s+){0,3}?)(?:paper|preprint|article|study|work|one|(?<kind>survey|benchmark))\s+(?:(?<clause>that|which|where|in\s+which|describing|proposing|introducing|presenting|showing|explaining|studying|arguing|\p{L}{3,}ing)|on|about|with)\s+(?<description>[^?!]{8,}?)\s*[?!.]*\s*$", RegexOptions.IgnoreCase);

    // The verb of a date ask ending a description: "when was that paper about P vs NP published".
    private static Regex DescriptionTail => field ??= new(@"(?:\s+(?:published|released|posted|listed|announced|dated|written|out|put\s+up|come\s+out|came\s+out|appear(?:ed)?))+\s*$", RegexOptions.IgnoreCase);

    // What kind of thing a name is, after it: "the FIB benchmark paper", "the T1 model paper".
    private static Regex KindNoun => field ??= new(@"\s+(?:benchmark|dataset|data\s+set|corpus|model|method|framework|approach|algorithm|technique|metric|library|toolkit|tool|system|architecture|agent|protocol|suite)s?\s*$", RegexOptions.IgnoreCase);

    private static Regex NameTokens => field ??= new(@"[^\s?!,;""“”]+");

    private static Regex OrgCue => field ??= new(@"\b(from|at|by|affiliat\w*|org|orgs|organi[sz]ations?|lab|labs|company|institut\w*|universit\w*|team|group|tagged)\b", RegexOptions.IgnoreCase);

    private static Regex MostUpvoted => field ??= new(@"\b(most|highest|top)[\s-]+(upvoted|upvotes|voted|popular|liked)\b|\bmost\s+(upvotes|votes|likes)\b", RegexOptions.IgnoreCase);

    // The words after the first "on", "about"… that introduces a topic: "pku papers about in-context or continual learning".
    private static Regex TopicIntroduced => field ??= new(@"\b(?:on|about|regarding|covering|concerning|into)\s+(?<subject>.+)$", RegexOptions.IgnoreCase);

    // "what's new?", "anything new?", "new papers", "recently added", "latest additions". "What's new" asks about the
    // collection only on its own or before a time or the collection ("what's new this week?", "what's new in here?"):
    // "what is new about LoRA's approach?" asks what a paper contributes.
    private static Regex WhatsNew => field ??= new(@"\bwhat(?:'s|\s+is|s)\s+new(?=\s*(?:[?.!]|$)|\s+(?:here|in\s+here|in\s+the\s+(?:corpus|collection|list|database|db|library)|this|last|since|lately|recently|on\s+the\s+(?:list|reading\s+list))\b)|\banything\s+new\b|\bnew\s+(?:papers|additions|arrivals|entries|stuff|preprints)\b|\b(?:recently|newly|just|lately)\s+added\b|\badded\s+(?:recently|lately)\b|\b(?:latest|newest|recent)\s+additions\b", RegexOptions.IgnoreCase);

    // Words that ask for papers by when they came out, so a relative date ("this week") is a condition on the date.
    private static Regex PublishedCue => field ??= new(@"\b(?:published|publish|released|release|came\s+out|come\s+out|added|dated|posted|listed|new|anything|stuff|work|preprints?|from|since)\b", RegexOptions.IgnoreCase);

    private static Regex Newest => field ??= new(@"\b(latest|newest|most\s+recent(ly)?|last\s+(?:one|paper)\s+(?:added|published|released)|(?:came|come|comes)\s+out\s+(?:the\s+)?last|(?:published|released|added|dated)\s+(?:the\s+)?last)\b", RegexOptions.IgnoreCase);

    private static Regex Oldest => field ??= new(@"\b(oldest|earliest|least\s+recent|first\s+(?:paper|one|publication|preprint)|(?:came|come|comes)\s+out\s+(?:the\s+)?first|(?:published|released|dated)\s+(?:the\s+)?first)\b", RegexOptions.IgnoreCase);

    private static Regex WithCode => field ??= new(@"\b(with|has|have|having|released|release|public|available|open[\s-]source|marked\s+as\s+having|shows?|ships?)\s+(the\s+|their\s+|its\s+|source\s+|any\s+)?code\b|\bcode\s+(is\s+|was\s+)?(available|released|public|online)\b|\bcode[\s-]+availab\w*\b", RegexOptions.IgnoreCase);

    // "without code", "no code", "that don't have code", "lacking a repo".
    private static Regex WithoutCode => field ??= new(@"\b(?:without|no|lacking|lacks|lack|missing|minus)\s+(?:any\s+|public\s+|released\s+|the\s+|a\s+)?(?:code|implementation|repo|repository|github)\b|\b(?:doesn't|don't|didn't|does\s+not|do\s+not|did\s+not|haven't|hasn't|have\s+not|has\s+not)\s+(?:have|has|ship|release|provide|come\s+with)?\s*(?:any\s+|public\s+)?(?:code|implementation|repo|repository)\b|\bcode[\s-]*less\b", RegexOptions.IgnoreCase);

    // "any upvotes", "got upvotes", "have votes", "upvoted papers": at least one upvote.
    private static Regex AnyUpvotes => field ??= new(@"\b(?:any|some|with|have|has|had|got|get|gotten|getting|received|receive)\s+(?:any\s+|some\s+)?(?:up)?votes\b|\bupvoted\b", RegexOptions.IgnoreCase);

    // The listing card's own "Code" flag, as opposed to a code link found in the abstract.
    private static Regex CodeFlag => field ??= new(@"\b(?:flag|flagged|badge|marked|marker|button|card|label)\b.*\bcode\b|\bcode\b.*\b(?:flag|flagged|badge|marked|marker|button|card|label)\b", RegexOptions.IgnoreCase);

    private static Regex UpvoteThreshold => field ??= new(@"(?:\b(?<op>more\s+than|over|above|at\s+least|fewer\s+than|less\s+than|under|below|at\s+most|exactly|precisely|only)|(?<op>>=|≥|>|<=|≤|<|=))\s*(?<n>[0-9]{1,6})\s+(?:up)?(?:votes?|likes?)\b|\b(?<n>[0-9]{1,6})\s*(?:(?<op>\+)|\s(?<op>or\s+(?:more|above|over|higher)|and\s+(?:up|above|over|more)|or\s+(?:fewer|less|below|under)))\s*(?:up)?(?:votes?|likes?)\b", RegexOptions.IgnoreCase);

    // "more than 10 authors", ">= 12 authors", "10+ authors", "10 or more authors", "fewer than 3 people", "with 9 authors".
    private const string AuthorNoun = @"(?:co-?)?(?:authors?|people|researchers|names|contributors|writers)\b";

    private static Regex AuthorThreshold => field ??= new(@"(?:\b(?<op>more\s+than|over|above|at\s+least|no\s+fewer\s+than|fewer\s+than|less\s+than|under|below|at\s+most|no\s+more\s+than|up\s+to|exactly|precisely|only|just)|(?<op>>=|≥|>|<=|≤|<|=))\s*(?<n>[0-9]{1,3})\s+" + AuthorNoun
        + @"|\b(?<n>[0-9]{1,3})\s*(?:(?<op>\+)|\s(?<op>or\s+(?:more|above|over|higher)|and\s+(?:up|above|over|more)|or\s+(?:fewer|less)))\s*" + AuthorNoun
        + @"|\b(?<n>[0-9]{1,3})\s+" + AuthorNoun + @"\s+(?<op>or\s+(?:more|above|over|higher)|and\s+(?:up|above|over|more)|or\s+(?:fewer|less))"
        + @"|\b(?:with|having|has|have|had|by|of)\s+(?<n>[0-9]{1,3})\s+" + AuthorNoun + @"(?!\s+(?:or|and)\s+(?:more|above|over|higher|up|fewer|less)\b)", RegexOptions.IgnoreCase);

    private static Regex AuthorsBetween => field ??= new(@"\bbetween\s+(?<a>[0-9]{1,3})\s+and\s+(?<b>[0-9]{1,3})\s+" + AuthorNoun + @"|\b(?<a>[0-9]{1,3})\s*(?:-|–|to)\s*(?<b>[0-9]{1,3})\s+" + AuthorNoun, RegexOptions.IgnoreCase);

    // "two authors", "three people", "two-author": a count written in words right before an author noun.
    private static Regex CountWordBeforeAuthors => field ??= new(@"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty)(?=(?:\s+|-)(?:co-?)?(?:authors?|authored|people|persons?|researchers|names|contributors|writers)\b)", RegexOptions.IgnoreCase);

    // "solo-authored", "single-author papers", "a single author", "one author", "a sole author", "written alone".
    private static Regex SingleAuthor => field ??= new(@"\b(?:solo|single|sole|lone)[\s-]+(?:authored|authors?|author\s+papers?)\b|\ba\s+(?:single|sole|lone)\s+(?:author|person|researcher|writer)\b|\bsolo\s+papers?\b", RegexOptions.IgnoreCase);

    // "2-author papers", "3-authored", "1-author": a count joined to the author noun.
    private static Regex HyphenatedAuthorCount => field ??= new(@"\b(?<n>[0-9]{1,3})-(?:author|authored|person)\b", RegexOptions.IgnoreCase);

    /// <summary>
    /// "which paper has the most authors?", "the longest author list", "the largest team", "the biggest byline", and the
    /// same for the fewest ("the smallest author lists", "with the fewest co-authors"): papers ordered by their author
    /// count. "Most authors" needs "the", "has" or "with" before it: "which method do most authors use?" orders nothing.
    /// </summary>
    private static Regex AuthorOrderCue => field ??= new(@"\b(?:the|has|have|had|having|with)\s+(?:(?<few>fewest|least)|most|(?:(?<few>smallest|lowest)|largest|highest|biggest)\s+number\s+of)\s+(?:co-?)?(?:authors|contributors|writers)\b"
        + @"|\b(?:has|have|had|having|with|by)\s+(?:the\s+)?(?:(?<few>fewest|least)|most)\s+(?:people|researchers|names)\b"
        + @"|\b(?:(?<few>shortest|smallest|tiniest)|longest|largest|biggest)\s+(?:author\s+lists?|lists?\s+of\s+authors|bylines?|teams?|author\s+counts?|number\s+of\s+authors)\b", RegexOptions.IgnoreCase);

    // "who is working on X", "who works on X", "who's researching X", "which groups/labs/people work on X".
    private static Regex WhoWorksOnCue => field ??= new(@"\bwho(?:'s|\s+is|\s+are|\s+else)?\s+(?:working|works|work|worked|researching|researches|studying|studies|publishing|publishes|doing\s+(?:research|work))\s+(?:on|in|about|into)\b|\b(?:which|what)\s+(?:groups?|labs?|teams?|people|researchers|authors|organi[sz]ations|orgs|institutions)\s+(?:are\s+)?(?:work|works|working|research|researching|study|studying|publish|publishing)\s+(?:on|in|about|into)\b", RegexOptions.IgnoreCase);

    // "who does X (usually) write / work / publish with", "who has X worked with", "who collaborates with X", "X's (usual)
    // co-authors / collaborators", "co-authors of X", "who are X's collaborators".
    private static Regex CoAuthorsCue => field ??= new(@"\bwho\s+(?:does|did|do|has|have|is|was)\s+.{2,60}?\s+(?:usually\s+|often\s+|mostly\s+|most\s+often\s+|frequently\s+|typically\s+|normally\s+|regularly\s+|generally\s+)?(?:write|written|writing|work|worked|working|publish|published|publishing|collaborate|collaborated|collaborating|co-?author|co-?authored|team\s+up|teamed\s+up|partner|partnered)\s+with\b"
        + @"|\bwho\s+(?:usually\s+|often\s+|most\s+often\s+|frequently\s+)?(?:writes|works|publishes|collaborates|co-?authors|teams\s+up)\s+(?:\w+\s+){0,2}?with\b"
        + @"|\b(?:co-?authors?|collaborators?|co-?writers?)\s+(?:of|for)\b"
        + @"|['’]s\s+(?:(?:usual|frequent|common|regular|top|main|closest|most\s+frequent|most\s+common)\s+)?(?:co-?authors?|collaborators?|co-?writers?)\b", RegexOptions.IgnoreCase);

    // "who has the most papers", "most prolific author", "which org has the most papers", "top 3 authors", "authors with
    // the most papers": the names on the most listings. An organisation when the words say so (org, lab, group…).
    private static Regex TopNamesCue => field ??= new(@"\bwho(?:(?:'s|\s+has|\s+have)\s+(?:written|authored|co-?authored|published)|\s+has|\s+have|\s+wrote|\s+authored|\s+published|(?:'s|\s+is|\s+appears)\s+(?:on|in))\s+(?:the\s+)?most(?:\s+(?:papers|work|works|preprints|listings|entries|publications))?(?=\s*(?:[?.!,]|$)|\s+(?:here|in|on|about|of|among|overall|so\s+far)\b)|\bmost\s+prolific(?:\s+(?:author|researcher|person|writer|people|(?<org>org|organi[sz]ation|lab|group|institution|university|company|team)))?\b|\b(?:which|what)\s+(?:author|person|researcher|writer|(?<org>org|organi[sz]ation|lab|group|institution|university|company|team|affiliation))\s+(?:(?:has|have)\s+(?:written|authored|co-?authored|published)|has|have|wrote|authored|published|is\s+(?:on|in)|appears\s+(?:on|in)|is\s+behind)\s+(?:the\s+)?most\b|\btop\s+(?:(?<n>[0-9]{1,2})\s+)?(?:authors|researchers|people|(?<org>orgs|organi[sz]ations|labs|groups|institutions|universities|companies|affiliations))\b|\b(?:authors|researchers|(?<org>orgs|organi[sz]ations|labs|groups|institutions))\s+with\s+the\s+most\s+(?:papers|work|listings)\b", RegexOptions.IgnoreCase);

    // "papers with 3 upvotes", "2 upvote papers", "got 9 likes": a count with no comparison before it.
    private static Regex ExactUpvotes => field ??= new(@"\b(?<n>[0-9]{1,6})\s*(?:up)?(?:votes?|likes?)\b(?:\s+(?<tail>or\s+(?:more|above|over|higher|fewer|less|below|under)|and\s+(?:up|above|over|more)))?", RegexOptions.IgnoreCase);

    // "the 3 latest", "5 most upvoted", and "the 3 papers with the most authors", "top 5 papers by upvotes".
    private static Regex CountAsked => field ??= new(@"\b(?<n>[0-9]{1,2})\s+(?:latest|newest|most|oldest|earliest)|\b(?:the|top|first)\s+(?<n>[0-9]{1,2})\s+(?:papers|ones|listings)\b", RegexOptions.IgnoreCase);

    private static Regex AuthorCountCue => field ??= new(@"\bhow\s+many\s+(?:co-?)?(?:authors|people|researchers|writers|names|contributors)\b|\bnumber\s+of\s+(?:co-?)?authors\b|\bauthor\s+count\b|\bhow\s+many\s+(?:wrote|authored)\b", RegexOptions.IgnoreCase);

    private static Regex AuthorsCue => field ??= new(@"\b(?:people|folks|researchers|team|names?)\s+(?:behind|who\s+(?:wrote|authored|made)|that\s+(?:wrote|authored|made))\b|\b(?:which|what)\s+(?:people|folks|researchers|persons|authors|writers)\s+(?:wrote|authored|made|(?:are|were)\s+behind|worked\s+on)\b|\bwho(?:'s|\s+is|\s+are|\s+was|\s+were)?\s+(?:wrote|write|writes|authored|behind|made|created|did|published|the\s+authors?|put\s+together|came\s+up\s+with|(?:is\s+|are\s+)?responsible\s+for)\b|\bwho\s+(?:are|were)\s+(?:the\s+)?(?:authors|people)\b|\bwho(?:'s|\s+is|\s+are|\s+was|\s+were)\s+on\s+(?:the\s+)?(?:author\s+list\s+(?:of|for)\s+)?\S|\bwho\s+worked\s+on\s+(?:the\s+)?\S|\b(?:authors?|writers?|author\s+list|byline)\s+(?:of|on|for|behind)\b|\b(?:its|their)\s+authors\b|\bwritten\s+by\s+whom\b|\bwho\s+wrote\b|\bauthors\s*\?\s*$|^\W*[^\s,;:?]+(?:\s+[^\s,;:?]+){0,2}?\s+(?:authors|author\s+list)\s*[.!]*\s*$"
        // "PeriodicLoRA - whose paper is it?", "whose work is Math-Shepherd?", "whose is StableMoE?"; not "whose paper has the most upvotes".
        + @"|\bwhose\s+(?:paper|work|preprint|article|study)\b(?!\s+(?:has|had|have|got|gets|received|mentions|uses|is\s+(?:about|on)))|\bwhose\s+(?:is|was)\b", RegexOptions.IgnoreCase);

    private static Regex DateCue => field ??= new(@"\bwhen\s+(?:was|were|did|is)\b.*\b(?:published|released|posted|listed|out|come\s+out|came\s+out|appear|appeared|announced|dated|from|put\s+up|written)\b|\bwhen\s+did\b|\bwhen\s+was\b|\bwhat(?:'s|\s+is|\s+was)?\s+(?:the\s+)?(?:publication\s+|release\s+|listing\s+|listed\s+)?date\b|\b(?:publication|release)\s+date\b|\b(?:what|which)\s+(?:year|month|day)\b|\bhow\s+(?:old|recent|new)\s+is\b|\bdate\s+(?:on|of|for)\b|\band\s+when\b", RegexOptions.IgnoreCase);

    private static Regex OrgsOfCue => field ??= new(@"\b(?:which|what)\s+(?:org|orgs|organi[sz]ations?|labs?|institutions?|universit(?:y|ies)|compan(?:y|ies)|affiliations?|group|team)\b|\baffiliations?\s+(?:of|on|for)\b|\bwhere\s+(?:is|was|are|were|does|did)\b.*\bfrom\b|\bwho\s+(?:is|was)\b.*\bfrom\b", RegexOptions.IgnoreCase);

    private static Regex UpvotesOfCue => field ??= new(@"\bhow\s+many\s+(?:up)?(?:votes|likes)\b|\b(?:up)?votes?\s+(?:does|did|on|for|of)\b|\b(?:up)?vote\s+(?:count|total|tally)\b|\b(?:number|count)\s+of\s+(?:up)?votes\b|\bhow\s+(?:popular|liked)\b", RegexOptions.IgnoreCase);

    // "does X have a code release?", "github repo for X", "github for X", "link to X's code", "X source code": the code of one paper.
    private static Regex CodeOfCue => field ??= new(@"\b(?:does|did)\b.+\b(?:have|has|ship|release|provide|come\s+with|include)\s+(?:a\s+|any\s+|public\s+|released\s+|its\s+)?(?:code|implementation|repo|repository|github)\b|\b(?:is|was)\s+(?:there\s+)?(?:any\s+)?(?:the\s+)?code\s+(?:for|of|available\s+for|released\s+for)\b|\bwhere(?:'s|’s|\s+is|\s+are|\s+can\s+i\s+(?:find|get))\s+(?:the\s+)?(?:source\s+)?(?:code|implementation|repo|repository|github)\b|\b(?:github|gitlab|code)\s+(?:repo|repository|link|url|release|page)\b|\b(?:github|gitlab|repo|repository)\s+(?:for|of)\b|\bsource\s+code\b|\blink\s+to\s+(?:the\s+|its\s+)?(?:code|repo|repository|github|implementation)\b|\b(?:is|was|are|were)\s+(?:the\s+|their\s+|its\s+|any\s+)?(?:source\s+)?(?:code|implementation|repo|repository)\s+(?:up|out|online|public|released|available|shared|somewhere|anywhere)\b|\bwhere\s+can\s+i\s+(?:find|get|grab|download)\s+(?:the\s+)?(?:source\s+)?(?:code|implementation|repo|repository)\b|^\W*[^\s,;:?]+(?:\s+(?:paper|model))?\s+(?:github|gitlab|repo|code)\s*[?.!]*\s*$", RegexOptions.IgnoreCase);

    // "link to X", "project page of X", "X website?": the links the listings give.
    private static Regex LinksOfCue => field ??= new(@"^\W*(?:(?:the|a|any|some)\s+)?(?:links?|urls?)\s+(?:to|for|of|on)\s(?!(?:the\s+|its\s+|their\s+)?(?:code|repo|repository|github|implementation)\b)|\b(?:project|home)[\s-]*(?:page|site|website)\b|\bweb\s*(?:site|page)\b|\b(?:a|any|the)\s+(?:links?|urls?)\s+(?:to|for)\s(?!(?:the\s+|its\s+|their\s+)?(?:code|repo|repository|github|implementation)\b)|^\W*[^\s,;:?]+(?:\s+(?:paper|model))?\s+(?:links?|urls?)\s*[?.!]*\s*$", RegexOptions.IgnoreCase);

    private static Regex QuotedName => field ??= new("[\"“”‘’«»]\\s*(?<name>[^\"“”‘’«»]{2,200}?)\\s*[\"“”‘’«»]|(?<![\\w])'(?<name>[^']{2,200}?)'(?![\\w])");

    /// <summary>A verb of saying, asking or answering just before a quotation ("the user says:", "asks", "answering",
    /// "replies with"): what follows is speech, not a paper's title.</summary>
    private static Regex ReportedSpeech => field ??= new(@"\b(?:say|says|said|saying|ask|asks|asked|asking|answer|answers|answered|answering|reply|replies|replied|replying|respond|responds|responded|responding|tell|tells|told|telling|writes|writing|type|types|typed|typing|claim|claims|claimed|claiming|insist|insists|insisted|insisting|admit|admits|admitted|admitting)(?:\s+(?:with|that|back|something\s+like))?\s*[:,]?\s*$", RegexOptions.IgnoreCase);

    private static Regex ThePaper => field ??= new(@"\bthe\s+(?<name>(?:[\p{L}\p{N}][\p{L}\p{N}\-\.:+&]*\s+){0,7}?[\p{L}\p{N}][\p{L}\p{N}\-\.:+&]*)\s+(?:paper|preprint|article|survey|study|report)\b", RegexOptions.IgnoreCase);

    private static Regex ByEtAl => field ??= new(@"(?<name>(?:[\p{L}\p{N}][\p{L}\p{N}\-:+&]*\s+){0,7}?[\p{L}\p{N}][\p{L}\p{N}\-:+&]*)\s+(?:paper\s+)?by\s+\p{Lu}[\p{L}\-']+(?:\s+\p{Lu}[\p{L}\-']+)?\s+(?:et\s+al\.?|and\s+(?:colleagues|co-?authors|\p{Lu}[\p{L}\-']+))", RegexOptions.None);

    // ByEtAl's tail alone. ByEtAl tries up to eight words before "by" at every position of the question, which is a
    // noticeable share of reading a long question; it can only match where this, which starts at a literal "by", does.
    private static Regex ByEtAlTail => field ??= new(@"\sby\s+\p{Lu}[\p{L}\-']+(?:\s+\p{Lu}[\p{L}\-']+)?\s+(?:et\s+al|and\s+(?:colleagues|co-?authors|\p{Lu}))", RegexOptions.None);

    // Four or more title-cased words, small words allowed between them: "Consistency-Guided Preference Optimization for Long-Context Retrieval".
    private static Regex TitleSpan => field ??= new(@"(?:\p{Lu}[\p{L}\p{N}\-:']*)(?:\s+(?:(?:for|of|and|in|on|with|the|a|an|to|via|from|by|is|are|all|you)\s+)*\p{Lu}[\p{L}\p{N}\-:']*){3,}");

    // The words of a fact question that are not the paper's name.
    private static Regex FactScaffolding => field ??= new(@"\b(?:whose\s+(?:paper|work|preprint|article|study)(?:\s+(?:is|was)(?:\s+(?:it|this|that))?)?|whose\s+(?:is|was)(?:\s+(?:it|this|that))?|who(?:'s|\s+is|\s+are|\s+was|\s+were)?\s+(?:wrote|write|writes|authored|behind|made|created|did|published)|how\s+many\s+(?:co-?)?(?:authors|people|researchers|writers|names|contributors|upvotes|votes)(?:\s+(?:are|were|does|did|do|has|had|wrote|authored|worked))?(?:\s+(?:on|in|for|of|listed\s+on|credited\s+on))?|number\s+of\s+(?:co-?)?authors(?:\s+(?:on|of|for|in))?|(?:authors?|writers?|author\s+list|byline|affiliations?|upvotes?)\s+(?:of|on|for|behind)|when\s+(?:was|were|did|is)|what(?:'s|\s+is|\s+was)?\s+(?:the\s+)?(?:publication\s+|release\s+|listing\s+|listed\s+)?date(?:\s+(?:on|of|for))?|(?:publication|release)\s+date(?:\s+(?:on|of|for))?|(?:in\s+)?(?:what|which)\s+(?:year|month|day)\s+(?:was|is|did|does)|how\s+old\s+is|who(?:'s|\s+is|\s+are|\s+was|\s+were)\s+on(?:\s+the\s+author\s+list\s+(?:of|for))?|who\s+worked\s+on|(?:which|what)\s+(?:org|orgs|organi[sz]ations?|labs?|institutions?|universit(?:y|ies)|compan(?:y|ies)|affiliations?|group|team)\s+(?:is|was|are|were|did|does|wrote|made)?|where\s+(?:is|was|are|were|does|did)|(?:does|did|is|has|was)\s+(?:there\s+)?|and\s+when\s+(?:was|were|did|is)\s+(?:it|that|this)|come\s+out|came\s+out|published|released|posted|listed|appear(?:ed)?|announced|dated|put\s+up|written|from|have|has|had|get|got|code\s+(?:for|of)|(?:any\s+|public\s+|released\s+)?(?:code|implementation|repo|repository)(?:\s+(?:available|released|public|online))?)\b", RegexOptions.IgnoreCase);

    /// <summary>"link to X", "project page of X", "X website?", "X github?" without the link asked for, where it frames the
    /// name: not the "Link" of "who wrote Learn to Not Link?" or "github for Learn to Not Link?".</summary>
    private static string WithoutLinkFrame(string question)
    {
        if (LinkOpening.Match(question) is { Success: true } opening)
        {
            return question[(opening.Index + opening.Length)..];
        }
        return LinksOfCue.IsMatch(question) || CodeOfCue.IsMatch(question) ? LinkClosing.Replace(question, " ") : question;
    }

    private static Regex LinkOpening => field ??= new(@"^\W*(?:(?:the|a|any|some)\s+)?(?:links?|urls?|github|gitlab|(?:project|home)[\s-]*(?:page|site|website)|home\s*page|web\s*(?:site|page))\s+(?:to|for|of|on)\b", RegexOptions.IgnoreCase);

    private static Regex LinkClosing => field ??= new(@"\b(?:links?|urls?|github|gitlab|(?:project\s+|home\s*|web\s*)?(?:page|site|website))\W*$", RegexOptions.IgnoreCase);

    private static readonly HashSet<string> NameScaffolding = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "paper", "papers", "article", "preprint", "on", "of", "for", "in", "and", "it", "its", "that",
        "this", "who", "what", "whats", "what's", "when", "which", "how", "many", "is", "was", "are", "were", "do",
        "does", "did", "please", "tell", "me", "us", "i", "you", "can", "could", "would", "know", "want", "to",
        "find", "out", "about", "there", "here", "in", "corpus", "collection", "list", "listing", "reading",
        "authors", "author", "date", "upvotes", "votes", "code", "with", "by", "have", "has", "had", "again",
        "so", "also", "exactly", "actually", "then", "now", "one", "any", "available",
    };

    // "in the corpus", "on the reading list", "in the orgs field", "pku research on X": never a topic.
    private static Regex FramingPhrase => field ??= new(@"\bresearch\s+(?=(?:on|about|into|regarding)\b)|\b(?:in|on|from|across|of)\s+(?:the\s+|this\s+|my\s+|our\s+|your\s+)?(?:corpus|collection|reading\s+list|list|database|db|index|library|catalog(?:ue)?|set|listings?)\b|\breading\s+list\b|\bin\s+here\b|\b(?:orgs?|organi[sz]ations?|authors?|date|code)\s+(?:field|column|tag|flag)s?\b", RegexOptions.IgnoreCase);
}
