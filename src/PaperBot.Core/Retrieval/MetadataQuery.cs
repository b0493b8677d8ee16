namespace PaperBot.Core.Retrieval;

/// <summary>
/// A question about the listing metadata, answered exactly by SQL: every paper that meets all the conditions
/// and no other. Dates are inclusive sort keys (yyyymmdd) and only match papers whose listing gives a year.
/// <see cref="Topic"/> is what is left of the question once the conditions are taken out ("latest papers on
/// speculative decoding"); when present, only papers relevant to it are kept.
/// </summary>
public sealed record MetadataQuery
{
    public string? Author { get; init; }
    /// <summary>Further authors every paper must also have ("papers by both Damai Dai and Li Dong"); only with <see cref="Author"/>.</summary>
    public IReadOnlyList<string> CoAuthors { get; init; } = [];
    /// <summary>"papers by A or B": a paper needs any one of <see cref="Author"/> and <see cref="CoAuthors"/>, not all.</summary>
    public bool AnyAuthor { get; init; }
    public string? Org { get; init; }
    /// <summary>Further organisations ("from cmu or baidu"); every one is needed unless <see cref="AnyOrg"/>.</summary>
    public IReadOnlyList<string> OtherOrgs { get; init; } = [];
    /// <summary>"from cmu or baidu": a paper needs any one of <see cref="Org"/> and <see cref="OtherOrgs"/>.</summary>
    public bool AnyOrg { get; init; }
    /// <summary>"papers by A and B" with a plain "and": read as the papers they share (every author needed); the answer
    /// says so and counts the papers of either.</summary>
    public bool AuthorsJoinedByAnd { get; init; }
    /// <summary>"pku and tsinghua papers" with a plain "and": read as the papers of either (<see cref="AnyOrg"/>); the
    /// answer says so and counts the papers listing both.</summary>
    public bool OrgsJoinedByAnd { get; init; }
    /// <summary>Names the question joined with "or" to stored ones that no listing has ("papers by Li Dong or Furu Wei"):
    /// they change no condition, and the answer says that no paper lists them.</summary>
    public IReadOnlyList<MissingName> Missing { get; init; } = [];
    public int? FromDate { get; init; }
    /// <summary>Further inclusive date spans a paper may fall in instead of <see cref="FromDate"/>–<see cref="ToDate"/>
    /// ("papers from 2021 or 2025").</summary>
    public IReadOnlyList<(int From, int To)> OtherDates { get; init; } = [];
    public int? ToDate { get; init; }
    /// <summary>"papers from October": a month of any year (listings dated without a year included); with
    /// <see cref="DayOfMonth"/>, one day of it.</summary>
    public int? MonthOfYear { get; init; }
    public int? DayOfMonth { get; init; }
    public string? DateText { get; init; }
    /// <summary>The date span was read against today's date ("this month", "the past 6 months"): when no paper is dated in
    /// it, the answer says so and shows the newest papers meeting the other conditions.</summary>
    public bool RelativeDate { get; init; }
    public bool WithCode { get; init; }
    /// <summary>"papers without code": the papers whose listing does not mark code as available.</summary>
    public bool WithoutCode { get; init; }
    /// <summary>Only papers whose listing card carries a code flag (the card header with score, category and date
    /// says whether code is available); <see cref="WithCode"/> alone also counts a code link in the abstract.</summary>
    public bool CodeFlagged { get; init; }
    public int? MinUpvotes { get; init; }
    public int? MaxUpvotes { get; init; }
    /// <summary>"papers with more than 10 authors": bounds on the author count the listing gives (<c>n_authors</c>); a
    /// paper whose listing gives no count does not match.</summary>
    public int? MinAuthors { get; init; }
    public int? MaxAuthors { get; init; }
    /// <summary>"papers filed under cs.CL": the arXiv category the listing gives, as stored ("CL", "AI").</summary>
    public string? Category { get; init; }
    public MetadataOrder Order { get; init; }
    public int? Limit { get; init; }
    public string? Topic { get; init; }
    /// <summary>Further topics a paper may be about instead of <see cref="Topic"/> ("papers on X or Y", "X / Y").</summary>
    public IReadOnlyList<string> OtherTopics { get; init; } = [];

    /// <summary>
    /// <see cref="Topics"/> as the question wrote them, for the answer's wording only ("mixture of experts" and
    /// "in-context learning", where the topic is "mixture experts" and "context learning"). Empty: the topics are shown.
    /// </summary>
    public IReadOnlyList<string> TopicsAsWritten { get; init; } = [];

    /// <summary><see cref="Topic"/> and <see cref="OtherTopics"/>: a paper about any one of them matches.</summary>
    public IReadOnlyList<string> Topics => Topic is null ? [] : [Topic, .. OtherTopics];

    // The written form of each topic when it was kept for these very topics (a copy made with other topics shows those).
    private IReadOnlyList<string> ShownTopics()
    {
        var topics = Topics;
        return TopicsAsWritten.Count == topics.Count
            && topics.Zip(TopicsAsWritten).All(p => p.First.Split(' ').All(w => p.Second.Contains(w, StringComparison.OrdinalIgnoreCase)))
            ? TopicsAsWritten : topics;
    }

    public bool HasConditions => Author is not null || Org is not null || FromDate is not null || ToDate is not null || MonthOfYear is not null || WithCode || WithoutCode || Order != MetadataOrder.Default
        || MinUpvotes is not null || MaxUpvotes is not null || MinAuthors is not null || MaxAuthors is not null || Category is not null;

    /// <summary>A condition on the author count.</summary>
    public bool HasAuthorCount => MinAuthors is not null || MaxAuthors is not null;

    /// <summary>Ordered by the author count ("the most authors", "the fewest"): only listings that give one can be placed.</summary>
    public bool ByAuthorCount => Order is MetadataOrder.MostAuthors or MetadataOrder.FewestAuthors;

    /// <summary>A condition on the date: a span, or a month of any year.</summary>
    public bool HasDate => FromDate is not null || ToDate is not null || MonthOfYear is not null;

    /// <summary>How the answer names the set: "with Damai Dai as an author, dated 2021, with code".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Author is not null)
        {
            parts.Add(CoAuthors.Count == 0 ? $"with {Author} as an author"
                : AnyAuthor ? $"with {Join([Author, .. CoAuthors], "or")} as an author"
                : $"with {Join([Author, .. CoAuthors], "and")} as authors");
        }
        if (Org is not null)
        {
            parts.Add($"from {Join([Org, .. OtherOrgs], AnyOrg ? "or" : "and")}");
        }
        if (DateText is not null)
        {
            parts.Add($"dated {DateText}");
        }
        if (CodeFlagged)
        {
            parts.Add("whose listing flags code as available");
        }
        else if (WithCode)
        {
            parts.Add("with code");
        }
        else if (WithoutCode)
        {
            parts.Add("without code (no code marked as available)");
        }
        if (MinUpvotes is { } exactly && MaxUpvotes == exactly)
        {
            parts.Add(exactly == 1 ? "with exactly 1 upvote" : $"with exactly {exactly} upvotes");
        }
        else if (MinUpvotes is { } min && MaxUpvotes is { } max)
        {
            parts.Add($"with {min} to {max} upvotes");
        }
        else if (MinUpvotes is { } atLeast)
        {
            parts.Add(atLeast == 1 ? "with at least 1 upvote" : $"with at least {atLeast} upvotes");
        }
        else if (MaxUpvotes is { } atMost)
        {
            parts.Add($"with at most {atMost} upvotes");
        }
        if (MinAuthors is { } fewest && MaxAuthors == fewest)
        {
            parts.Add(fewest == 1 ? "with exactly 1 author" : $"with exactly {fewest} authors");
        }
        else if (MinAuthors is { } low && MaxAuthors is { } high)
        {
            parts.Add($"with {low} to {high} authors");
        }
        else if (MinAuthors is { } atLeastAuthors)
        {
            parts.Add(atLeastAuthors == 1 ? "with at least 1 author" : $"with at least {atLeastAuthors} authors");
        }
        else if (MaxAuthors is { } atMostAuthors)
        {
            parts.Add(atMostAuthors == 1 ? "with at most 1 author" : $"with at most {atMostAuthors} authors");
        }
        if (Category is not null)
        {
            parts.Add($"filed under {ArxivCategory.Describe(Category)}");
        }
        if (Topic is not null)
        {
            parts.Add($"about {Join(ShownTopics().Select(t => $"\"{t}\"").ToList(), "or")}");
        }
        var description = string.Join(", ", parts);
        return Order switch
        {
            MetadataOrder.Newest => (description + ", newest first").TrimStart(',', ' '),
            MetadataOrder.MostUpvoted => (description + ", most upvoted first").TrimStart(',', ' '),
            MetadataOrder.Oldest => (description + ", oldest first").TrimStart(',', ' '),
            MetadataOrder.MostAuthors => (description + ", most authors first").TrimStart(',', ' '),
            MetadataOrder.FewestAuthors => (description + ", fewest authors first").TrimStart(',', ' '),
            _ => description,
        };
    }

    private static string Join(IReadOnlyList<string> names, string conjunction) =>
        names.Count == 1 ? names[0] : $"{string.Join(", ", names.SkipLast(1))} {conjunction} {names[^1]}";
}
