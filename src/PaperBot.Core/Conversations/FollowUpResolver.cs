using System.Text.RegularExpressions;
using PaperBot.Core.Storage;

namespace PaperBot.Core.Conversations;

/// <summary>
/// Rules for follow-ups, the same with and without a model: ordinals ("the second one", "[2]") pick a paper the
/// last answer cited; pronouns ("it", "that paper") mean the last answer's first paper, plural ones ("they",
/// "those") all of them. A message with neither is a new question.
/// </summary>
public sealed partial class FollowUpResolver(PaperStore store)
{
    private static readonly string[] Ordinals = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

    public ResolvedFollowUp? Resolve(string question, IReadOnlyList<ConversationTurn> history)
    {
        var last = history.LastOrDefault(t => t.Cited.Count > 0);
        if (last is null)
        {
            return null;
        }
        var cited = ReferencedPapers(question, last.Cited);
        if (cited is null || cited.Count == 0)
        {
            return null;
        }
        var papers = store.GetMany(cited.Select(c => c.Id).ToList());
        // GetMany need not keep order; the citation order is what "the second one" means.
        papers = cited.Select(c => papers.FirstOrDefault(p => p.Id == c.Id)).OfType<Papers.Paper>().ToList();
        if (papers.Count == 0)
        {
            return null;
        }
        var aspect = AspectOf(question);
        var titles = string.Join("; ", papers.Select(p => $"\"{p.Title}\""));
        var standalone = aspect switch
        {
            FollowUpAspect.Authors => $"Who wrote {titles}?",
            FollowUpAspect.Date => $"When was {titles} published?",
            FollowUpAspect.Organisations => $"Which organisations is {titles} from?",
            FollowUpAspect.Links => $"Where can I find {titles}?",
            FollowUpAspect.NewerWork => $"Newer work related to {titles}",
            _ => $"{question.Trim()} (about {titles})",
        };
        return new ResolvedFollowUp(standalone, papers, aspect);
    }

    /// <summary>The earlier citations a message points at, or null when it points at none.</summary>
    private static IReadOnlyList<CitedPaper>? ReferencedPapers(string question, IReadOnlyList<CitedPaper> cited)
    {
        var ordinal = OrdinalReference().Match(question);
        if (ordinal.Success)
        {
            var index = OrdinalIndex(ordinal.Groups["n"].Value, cited.Count);
            return index is { } i && i >= 0 && i < cited.Count ? [cited[i]] : [];
        }
        if (PluralReference().IsMatch(question))
        {
            return cited;
        }
        if (SingularReference().IsMatch(question) || BareFollowUp().IsMatch(question))
        {
            return [cited[0]];
        }
        return null;
    }

    private static int? OrdinalIndex(string word, int count)
    {
        var w = word.ToLowerInvariant();
        if (w is "last" or "final")
        {
            return count - 1;
        }
        var named = Array.IndexOf(Ordinals, w);
        if (named >= 0)
        {
            return named;
        }
        var digits = new string(w.TakeWhile(char.IsDigit).ToArray());
        return int.TryParse(digits, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n - 1 : null;
    }

    private static FollowUpAspect AspectOf(string question) =>
        Newer().IsMatch(question) ? FollowUpAspect.NewerWork
        : Authors().IsMatch(question) ? FollowUpAspect.Authors
        : Organisations().IsMatch(question) ? FollowUpAspect.Organisations
        : Date().IsMatch(question) ? FollowUpAspect.Date
        : Links().IsMatch(question) ? FollowUpAspect.Links
        : FollowUpAspect.Content;

    [GeneratedRegex(@"(?:\b(?:the\s+)?(?<n>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final|\d+(?:st|nd|rd|th))\s+(?:one|paper|result|item|article|work)s?\b)|(?:^\s*(?:and|what about|how about|ok(?:ay)?,?)?\s*(?:the\s+)?(?<n>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final|\d+(?:st|nd|rd|th))\s*(?:one)?\s*[?.!]*\s*$)|(?:(?:\bnumber|\bno\.|#|\bpaper)\s*(?<n>\d+)\b)|(?:\[(?<n>\d+)\])", RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex OrdinalReference();

    [GeneratedRegex(@"\b(?:they|them|their|those|these|both|all of them|each of them)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PluralReference();

    [GeneratedRegex(@"\b(?:it|its|it's)\b|\b(?:that|this|the same)\s+(?:one|paper|work|study|method|approach|model|article)\b|\b(?:on|about|of|like|than|to|for)\s+(?:that|this)\s*[?.!]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SingularReference();

    [GeneratedRegex(@"^\s*(?:and|what about|how about|more on|tell me more)\b[^.?!]{0,30}[?.!]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex BareFollowUp();

    [GeneratedRegex(@"\b(?:newer|more recent|later|latest|recent|since then|after (?:that|it|this)|follow-?up work|followed)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Newer();

    [GeneratedRegex(@"\b(?:who\s+(?:wrote|authored|made|did|published|are the authors)|authors?|written by|by whom)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Authors();

    [GeneratedRegex(@"\b(?:which|what)\s+(?:org\w*|lab|labs|company|companies|institution\w*|universit\w*|group)\b|\baffiliat\w*|\bwhere\b.*\bfrom\b", RegexOptions.IgnoreCase)]
    private static partial Regex Organisations();

    [GeneratedRegex(@"\b(?:when|what date|what year|how old|published)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Date();

    [GeneratedRegex(@"\b(?:link|links|url|pdf|code|github|repo|repository)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Links();
}
