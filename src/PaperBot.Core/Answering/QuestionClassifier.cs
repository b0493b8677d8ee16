using System.Text.RegularExpressions;
using PaperBot.Core.Storage;
using PaperBot.Core.Text;

namespace PaperBot.Core.Answering;

/// <summary>
/// Recognises metadata questions. Names are found by looking up the question's two- to four-word runs (and,
/// after a cue word like "from", single words) among stored author and organisation names, so no list of
/// names is ever loaded into memory.
/// </summary>
public sealed partial class QuestionClassifier(PaperStore store)
{
    public QuestionIntent Classify(string question)
    {
        var dateOf = DateQuestion().Match(question);
        if (dateOf.Success)
        {
            return new QuestionIntent.DateOf(dateOf.Groups["what"].Value.Trim());
        }
        var words = Tokenizer.Words(question);
        string? author = null, org = null;
        var nameWords = new HashSet<string>(StringComparer.Ordinal);
        var runs = Runs(words, 2, 4);
        var authors = store.KnownAuthorKeys(runs.Select(r => r.Text));
        // Longest runs first, so a longer name wins over a shorter one inside it.
        foreach (var run in runs)
        {
            if (authors.Contains(Ingest.IngestService.NameKey(run.Text)))
            {
                author = DisplayNameOf(question, words, run.Start, run.Length);
                nameWords.UnionWith(words.Skip(run.Start).Take(run.Length));
                break;
            }
        }
        if (OrgCue().IsMatch(question))
        {
            var orgRuns = Runs(words, 1, 3).Where(r => (r.Length > 1 || !Tokenizer.IsStopWord(r.Text)) && !nameWords.Contains(r.Text)).ToList();
            var orgs = store.KnownOrgKeys(orgRuns.Select(r => r.Text));
            foreach (var run in orgRuns)
            {
                if (orgs.Contains(Ingest.IngestService.NameKey(run.Text)))
                {
                    org = DisplayNameOf(question, words, run.Start, run.Length);
                    nameWords.UnionWith(words.Skip(run.Start).Take(run.Length));
                    break;
                }
            }
        }
        var dates = DateRangeParser.Parse(question);
        var order = MostUpvoted().IsMatch(question) ? Retrieval.MetadataOrder.MostUpvoted
            : Newest().IsMatch(question) ? Retrieval.MetadataOrder.Newest
            : Retrieval.MetadataOrder.Default;
        var withCode = WithCode().IsMatch(question);
        int? limit = null;
        if (order != Retrieval.MetadataOrder.Default)
        {
            var count = CountAsked().Match(question);
            limit = count.Success ? int.Parse(count.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
                : words.Contains("papers") || words.Contains("ones") ? 5 : 1;
        }
        var dateWords = dates?.Words.ToHashSet(StringComparer.Ordinal) ?? [];
        var topicWords = Tokenizer.ContentWords(question)
            .Where(w => !nameWords.Contains(w) && !dateWords.Contains(w) && !MetadataWords.Contains(w) && !w.All(char.IsDigit))
            .ToList();
        var query = new Retrieval.MetadataQuery
        {
            Author = author,
            Org = org,
            FromDate = dates?.From,
            ToDate = dates?.To,
            DateText = dates?.Text,
            WithCode = withCode,
            Order = order,
            Limit = limit,
            Topic = topicWords.Count > 0 ? string.Join(' ', topicWords) : null,
        };
        if (!query.HasConditions)
        {
            return new QuestionIntent.Content();
        }
        var onlyAuthor = author is not null && org is null && dates is null && !withCode && order == Retrieval.MetadataOrder.Default && query.Topic is null;
        var onlyOrg = org is not null && author is null && dates is null && !withCode && order == Retrieval.MetadataOrder.Default && query.Topic is null;
        return onlyAuthor ? new QuestionIntent.ByAuthor(author!)
            : onlyOrg ? new QuestionIntent.ByOrg(org!)
            : new QuestionIntent.ByMetadata(query);
    }

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
    };

    private sealed record Run(string Text, int Start, int Length);

    private static List<Run> Runs(IReadOnlyList<string> words, int minLength, int maxLength)
    {
        var runs = new List<Run>();
        for (var length = maxLength; length >= minLength; length--)
        {
            for (var i = 0; i + length <= words.Count; i++)
            {
                runs.Add(new Run(string.Join(" ", words.Skip(i).Take(length)), i, length));
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

    [GeneratedRegex(@"^\s*(?:when|what date)\s+(?:was|is|did|were)\s+(?:the\s+)?(?:paper\s+)?(?<what>.+?)\s+(?:published|released|posted|listed|come out|came out|appear|announced)\s*\??\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex DateQuestion();

    [GeneratedRegex(@"\b(from|at|by|affiliat\w*|org\w*|lab|labs|company|institut\w*|universit\w*|team|group)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OrgCue();

    [GeneratedRegex(@"\b(most|highest|top)[\s-]+(upvoted|upvotes|voted|popular|liked)\b|\bmost\s+upvotes\b", RegexOptions.IgnoreCase)]
    private static partial Regex MostUpvoted();

    [GeneratedRegex(@"\b(latest|newest|most\s+recent(ly)?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Newest();

    [GeneratedRegex(@"\b(with|has|have|having|released|release|public|available|open[\s-]source)\s+(the\s+|their\s+|its\s+|source\s+)?code\b|\bcode\s+(is\s+|was\s+)?(available|released|public|online)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WithCode();

    [GeneratedRegex(@"\b(\d{1,2})\s+(?:latest|newest|most)", RegexOptions.IgnoreCase)]
    private static partial Regex CountAsked();
}
