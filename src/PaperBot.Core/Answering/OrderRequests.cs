using System.Text.RegularExpressions;

namespace PaperBot.Core.Answering;

/// <summary>
/// A list asked for in an order, turned into the words the question reader's order cues are written for:
/// "top 3 deepseek papers by upvotes" → "3 most upvoted deepseek papers", "moe papers sorted by date" → "moe papers sorted
/// newest first", "ranked by number of authors" → "sorted with the most authors". A sort request without a number
/// ("sorted by …") keeps the word "sorted", which asks for the whole list rather than the first few
/// (<see cref="AsksForWholeList"/>). Only the reader sees the result.
/// </summary>
internal static class OrderRequests
{
    public static string Normalise(string question)
    {
        // "top 5 papers", "show me the top papers": with nothing else to rank by, the collection's own measure of
        // interest, its upvotes (the answer's heading says so).
        var text = BareTop.Replace(question, m => $"{Count(m)}most upvoted papers");
        text = TopBy.Replace(text, m =>
        {
            if (NameKinds.IsMatch(m.Groups["what"].Value))
            {
                // "top 3 organisations by upvotes" ranks names by their papers' upvotes: the reader has its own cue for it.
                return m.Value;
            }
            var count = Count(m);
            var what = m.Groups["what"].Value.Trim();
            return $"{count}{Extreme(m)}{(what.Length > 0 ? " " + what : "")}";
        });
        // "rank the moe papers by popularity": the words between the verb and "by" say which papers, and stay.
        return SortedBy.Replace(text, m => m.Groups["what"].Value + "sorted " + Extreme(m) switch
        {
            "newest" => "newest first",
            "oldest" => "oldest first",
            var extreme => extreme,
        });
    }

    // The reader's count cue takes one or two digits: "top 500 papers" asks for as many as it can list.
    private const int MostCounted = 99;

    /// <summary>The number asked for and a space, at most <see cref="MostCounted"/> ("top 99999999999999999999 papers");
    /// empty when none is, it is zero, or it is written in digits of another script ("top ٣ papers"), which are read as no number.</summary>
    private static string Count(Match m)
    {
        if (!m.Groups["n"].Success)
        {
            return "";
        }
        var n = m.Groups["n"].Value.TrimStart('0');
        // "top 0 papers" asks for no number either.
        return n.Length == 0 ? "" : (n.Length > 2 ? MostCounted.ToString(System.Globalization.CultureInfo.InvariantCulture) : n) + " ";
    }

    /// <summary>"moe papers sorted newest first": a sort request with no number asks for every matching paper.</summary>
    public static bool AsksForWholeList(string normalisedQuestion) => Sorted.IsMatch(normalisedQuestion);

    /// <summary>The reader's words for the order a key and direction ask for.</summary>
    private static string Extreme(Match m)
    {
        var key = m.Groups["key"].Value.ToLowerInvariant();
        var direction = m.Groups["dir"].Value.ToLowerInvariant();
        var ascending = Ascending.IsMatch(direction);
        if (Regex.IsMatch(key, "vote|like|popular"))
        {
            // No order by fewest upvotes exists: most of the listings give no count at all, so "least upvoted" is not a
            // reading of them.
            return "most upvoted";
        }
        if (key.Contains("author", StringComparison.Ordinal))
        {
            return ascending ? "with the fewest authors" : "with the most authors";
        }
        return ascending ? "oldest" : "newest";
    }

    private const string Key = @"(?:(?:number|count|amount|no\.?)\s+of\s+)?(?<key>up-?votes?|votes?|likes?|popularity|recency|(?:publication|release|publish(?:ing)?|posting|listing|submission)\s+dates?|dates?|years?|age|authors?|author\s+counts?|co-?authors)";

    private const string Direction = @"(?:\s*[,(]?\s*(?<dir>(?:newest|latest|most\s+recent|oldest|earliest|most|fewest|least|highest|lowest|largest|smallest|new|old)(?:\s+(?:first|to\s+(?:newest|oldest|least|most|new|old|lowest|highest|fewest)))?|asc(?:ending)?|desc(?:ending)?|chronologically|in\s+chronological\s+order)\)?)?";

    // Read once per question, so interpreted and built on first use (docs/contributing.md, "Regular expressions").
    // A number after "top": ASCII digits, not a year ("top 2024 papers" are 2024's), or digits of another script (no number).
    private const string TopCount = @"(?:(?!(?:19[5-9][0-9]|20[0-9][0-9])\s)(?:(?<n>[0-9]+)|\p{Nd}+)\s+)?";

    private static Regex TopBy => field ??= new(@"\btop\s+" + TopCount + @"(?<what>(?:[\p{L}\p{N}-]+\s+){0,4}?)(?:ranked\s+|sorted\s+|ordered\s+)?by\s+(?:the\s+|their\s+|its\s+)?" + Key + @"\b" + Direction, RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));

    private static Regex BareTop => field ??= new(@"(?<=^\W*(?:(?:what\s+(?:are|r)|which\s+are|show(?:\s+me)?|list|give\s+me|gimme)\s+)?(?:the\s+|ur\s+|your\s+)?)top\s+" + TopCount + @"(?:papers|ones|picks|listings)(?=\W*$)", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));

    private static Regex SortedBy => field ??= new(@"\b(?:(?:sort|sorted|sorting|order|ordered|ordering|rank|ranked|ranking|arrange|arranged|list|listed|show|give)\s+(?<what>(?:[\p{L}\p{N}-]+\s+){0,4}?)by|(?:in|by)\s+order\s+of)\s+(?:the\s+|their\s+|its\s+)?" + Key + @"\b" + Direction, RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));

    private static Regex Ascending => field ??= new(@"^(?:oldest|earliest|fewest|least|lowest|smallest|old|asc|ascending|chronologically|in\s+chronological\s+order)\b|\bto\s+(?:newest|new|most|highest)$", RegexOptions.IgnoreCase);

    private static Regex NameKinds => field ??= new(@"\b(?:authors?|people|researchers|writers|orgs?|organi[sz]ations?|labs?|groups?|institutions?|institutes?|universit(?:y|ies)|compan(?:y|ies)|teams?)\b", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));

    private static Regex Sorted => field ??= new(@"\bsorted\b", RegexOptions.IgnoreCase);
}
