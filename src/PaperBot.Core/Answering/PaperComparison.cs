using PaperBot.Core.Answering.Composition;
using PaperBot.Core.Papers;

namespace PaperBot.Core.Answering;

/// <summary>
/// The sentences that set two papers' stored facts side by side ("which came out first, BARS-CTR or the merge conflict
/// resolution paper?"): which came out first, which has more upvotes or authors, their organisations. Each sentence cites
/// both papers; a fact one listing lacks (no date, no year, authors cut short with "et al.") is said plainly, and the
/// comparison is then not made.
/// </summary>
public static class PaperComparison
{
    /// <summary>One sentence per fact asked, each citing both papers ([1] the first, [2] the second).</summary>
    public static IReadOnlyList<AnswerSentence> Sentences(Paper first, Paper second, PaperFacts facts)
    {
        var (a, b) = Names(first, second);
        var sentences = new List<AnswerSentence>();
        foreach (var fact in new[] { PaperFacts.Date, PaperFacts.Upvotes, PaperFacts.AuthorCount, PaperFacts.Orgs }.Where(f => facts.HasFlag(f)))
        {
            var text = fact switch
            {
                PaperFacts.Date => Dates(first, a, second, b),
                PaperFacts.Upvotes => Upvotes(first, a, second, b),
                PaperFacts.AuthorCount => AuthorCounts(first, a, second, b),
                _ => Orgs(first, a, second, b),
            };
            sentences.Add(new AnswerSentence(text, [1, 2]));
        }
        return sentences;
    }

    /// <summary>What each paper is called in the sentences: its short name or short title, its full title when the two
    /// would read alike.</summary>
    private static (string A, string B) Names(Paper first, Paper second)
    {
        var a = PaperNames.Label(first) ?? first.Title;
        var b = PaperNames.Label(second) ?? second.Title;
        return a.Equals(b, StringComparison.OrdinalIgnoreCase) ? (first.Title, second.Title) : (a, b);
    }

    private static string Dates(Paper first, string a, Paper second, string b)
    {
        var da = first.Date;
        var db = second.Date;
        if (da is { YearKnown: true } x && db is { YearKnown: true } y)
        {
            if (x.SortKey == y.SortKey)
            {
                return $"{a} and {b} are listed with the same date, {x.ToDisplay()}.";
            }
            var (earlier, early, later, late) = x.SortKey < y.SortKey ? (a, x, b, y) : (b, y, a, x);
            return $"{earlier} came out first ({early.ToDisplay()}); {later} came out later ({late.ToDisplay()}), so {later} is the newer of the two.";
        }
        if (da is null && db is null)
        {
            return $"Neither the listings of {a} nor those of {b} give a date, so which came out first cannot be told from the listings.";
        }
        return Capital($"{DateOf(a, da)}; {DateOf(b, db)}, so which came out first cannot be told from the listings.");

        static string DateOf(string name, PaperDate? date) => date switch
        {
            null => $"none of the listings of {name} gives a date",
            { YearKnown: true } d => $"{name} is listed with the date {d.ToDisplay()}",
            { } d => $"{name} is listed on {d.MonthAndDay()} with no year",
        };
    }

    private static string Upvotes(Paper first, string a, Paper second, string b)
    {
        if (first.Upvotes is { } x && second.Upvotes is { } y)
        {
            return x == y
                ? $"{a} and {b} have the same number of upvotes in their listings, {x}."
                : $"{a} has {Votes(x)} and {b} has {Votes(y)} in their listings: {(x > y ? a : b)} has more.";
        }
        if (first.Upvotes is null && second.Upvotes is null)
        {
            return $"Neither the listings of {a} nor those of {b} give an upvote count.";
        }
        return first.Upvotes is { } only
            ? $"{a} has {Votes(only)} in its listing; none of the listings of {b} gives an upvote count, so they cannot be compared."
            : $"{b} has {Votes(second.Upvotes!.Value)} in its listing; none of the listings of {a} gives an upvote count, so they cannot be compared.";

        static string Votes(int n) => n == 1 ? "1 upvote" : $"{n} upvotes";
    }

    private static string AuthorCounts(Paper first, string a, Paper second, string b)
    {
        var x = AuthorCount(first);
        var y = AuthorCount(second);
        if (x is { } nx && y is { } ny)
        {
            return nx == ny
                ? $"{a} and {b} have the same number of authors, {nx}."
                : $"{a} has {Authors(nx)} and {b} has {Authors(ny)}: {(nx > ny ? a : b)} has more.";
        }
        var parts = new List<string>();
        if (x is { } known)
        {
            parts.Add($"{a} has {Authors(known)}");
        }
        else
        {
            parts.Add(Unknown(first, a));
        }
        if (y is { } knownToo)
        {
            parts.Add($"{b} has {Authors(knownToo)}");
        }
        else
        {
            parts.Add(Unknown(second, b));
        }
        return Capital($"{parts[0]}; {parts[1]}, so which has more authors cannot be told from the listings.");

        static string Authors(int n) => n == 1 ? "1 author" : $"{n} authors";

        static string Unknown(Paper paper, string name) => paper.Authors.Count > 0
            ? $"the listing of {name} shows only its first {paper.Authors.Count} authors ({string.Join(", ", paper.Authors)} et al.), not how many there are"
            : $"none of the listings of {name} gives its authors";
    }

    /// <summary>The number of authors the listings give: the count a listing states, or the names of a list not cut short.</summary>
    private static int? AuthorCount(Paper paper) =>
        paper.AuthorCount ?? (paper.Authors.Count > 0 && paper.AuthorsComplete != false ? paper.Authors.Count : null);

    private static string Orgs(Paper first, string a, Paper second, string b)
    {
        return Capital($"{OrgsOf(first, a)}; {OrgsOf(second, b)}.");

        static string OrgsOf(Paper paper, string name) => paper.Orgs.Count > 0
            ? $"{name} is listed with {(paper.Orgs.Count == 1 ? "the organisation" : "the organisations")} {string.Join(", ", paper.Orgs)}"
            : $"no listing of {name} names an organisation";
    }

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
