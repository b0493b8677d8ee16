using System.Text.RegularExpressions;
using PaperBot.Core.Storage;

namespace PaperBot.Core.Conversations;

/// <summary>
/// Rules for follow-ups, the same with and without a model. Ordinals ("the second one", "the first and the third",
/// "[2]") pick papers from the last list the user was shown: the last answer to a question of its own, with the
/// follow-ups about it in between. Pronouns ("it", "that paper") mean the last paper discussed, plural ones ("they",
/// "those") all of the last answer's papers. A reference that cannot be resolved is asked back, not searched.
/// A message with neither is a new question.
/// </summary>
public sealed class FollowUpResolver(PaperStore store)
{
    private static readonly string[] Ordinals = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

    public ResolvedFollowUp? Resolve(string question, IReadOnlyList<ConversationTurn> history)
    {
        var ordinals = OrdinalsIn(question);
        var last = history.LastOrDefault(t => t.Cited.Count > 0);
        if (last is null)
        {
            // "and the second one?" with nothing shown yet: ask, rather than search for "second".
            return ordinals.Count > 0 && BareOrdinal.IsMatch(question)
                ? ResolvedFollowUp.Unresolved(question, "I haven't shown you a list of papers in this conversation yet; which paper do you mean? Ask about a topic first, for example: which papers tackle continual relation extraction?")
                : null;
        }
        IReadOnlyList<CitedPaper> cited;
        if (ordinals.Count > 0)
        {
            var (list, askBack) = ListFor(ordinals, history, question);
            if (askBack is not null)
            {
                return ResolvedFollowUp.Unresolved(question, askBack);
            }
            cited = ordinals.Select(i => list![i]).DistinctBy(c => c.Id).ToList();
        }
        else if (SingularReference.IsMatch(question) || (BareFollowUp.IsMatch(question) && !PluralReference.IsMatch(question)))
        {
            cited = [last.Cited[0]];
        }
        else if (PluralReference.IsMatch(question))
        {
            // "which of these has code?" then "which of them is the newest?": a choice among the list, like an ordinal,
            // not among the papers the previous choice picked.
            cited = Selective.IsMatch(question)
                ? (history.LastOrDefault(t => t.Cited.Count > 0 && !IsFollowUp(t)) ?? last).Cited
                : last.Cited;
        }
        else
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
        if (papers.Count > 1 && Selective.IsMatch(question) && FromWhom.Match(question) is { Success: true } from)
        {
            var who = from.Groups["who"].Value.Trim();
            return new ResolvedFollowUp($"Which of {string.Join("; ", papers.Select(p => $"\"{p.Title}\""))} are from {who}?", papers, FollowUpAspect.FromWhom) { Filter = who };
        }
        var aspect = papers.Count > 1 && SelectionOf(question) is { } selection ? selection : AspectOf(question);
        var titles = string.Join("; ", papers.Select(p => $"\"{p.Title}\""));
        var standalone = aspect switch
        {
            FollowUpAspect.Authors => $"Who wrote {titles}?",
            FollowUpAspect.Date => $"When was {titles} published?",
            FollowUpAspect.Organisations => $"Which organisations is {titles} from?",
            FollowUpAspect.Links => $"Where can I find {titles}?",
            FollowUpAspect.NewerWork => $"Newer work related to {titles}",
            FollowUpAspect.WhichHaveCode => $"Which of {titles} have code?",
            FollowUpAspect.Newest => $"Which of {titles} is the newest?",
            FollowUpAspect.Oldest => $"Which of {titles} is the oldest?",
            FollowUpAspect.MostUpvoted => $"Which of {titles} has the most upvotes?",
            _ => $"{question.Trim()} (about {titles})",
        };
        return new ResolvedFollowUp(standalone, papers, aspect);
    }

    /// <summary>
    /// The list ordinals point into: the last answer to a question of its own (follow-ups about its papers in between
    /// do not replace it). When that answer cited one paper and the ordinal goes past it, or the list is too short, the
    /// user is asked which paper they meant, naming the likely one from the list before.
    /// </summary>
    private static (IReadOnlyList<CitedPaper>? List, string? AskBack) ListFor(IReadOnlyList<int> ordinals, IReadOnlyList<ConversationTurn> history, string question)
    {
        var source = history.LastOrDefault(t => t.Cited.Count > 0 && !IsFollowUp(t)) ?? history.Last(t => t.Cited.Count > 0);
        var wanted = ordinals.Max();
        if (wanted < source.Cited.Count)
        {
            return (source.Cited, null);
        }
        if (source.Cited.Count == 1)
        {
            var index = IndexOf(history, source);
            var before = history.Take(index).LastOrDefault(t => t.Cited.Count >= 2);
            var one = $"The last answer cited one paper, \"{source.Cited[0].Title}\"";
            if (before is not null && wanted < before.Cited.Count)
            {
                var meant = string.Join(" and ", ordinals.Select(i => $"\"{before.Cited[i].Title}\" ({Ordinals[Math.Min(i, Ordinals.Length - 1)]} in the list before)"));
                return (null, $"{one}; did you mean {meant}? Say \"yes, {Ordinal(ordinals)} from the list\" or name the paper.");
            }
            return (null, $"{one}; which paper do you mean?");
        }
        return (null, $"The last list had {source.Cited.Count} papers, so there is no {Ordinal([wanted])} one; which paper do you mean?");
    }

    private static int IndexOf(IReadOnlyList<ConversationTurn> history, ConversationTurn turn)
    {
        for (var i = 0; i < history.Count; i++)
        {
            if (ReferenceEquals(history[i], turn))
            {
                return i;
            }
        }
        return history.Count;
    }

    private static string Ordinal(IReadOnlyList<int> indices) =>
        string.Join(" and ", indices.Select(i => i < Ordinals.Length ? Ordinals[i] : $"{i + 1}th"));

    /// <summary>A turn that answered a follow-up: its question was taken as something else ("… (about \"X\")").</summary>
    private static bool IsFollowUp(ConversationTurn turn) => !string.Equals(turn.Question.Trim(), turn.StandaloneQuestion.Trim(), StringComparison.Ordinal)
        && !turn.Question.StartsWith("yes", StringComparison.OrdinalIgnoreCase);

    /// <summary>The 0-based positions a message points at ("the first and the third" → 0, 2), or none.</summary>
    private static IReadOnlyList<int> OrdinalsIn(string question)
    {
        var found = new List<int>();
        var pair = OrdinalPair.Match(question);
        IReadOnlyList<string> matches = pair.Success ? [pair.Groups["a"].Value, pair.Groups["b"].Value]
            : OrdinalReference.Matches(question).Select(m => m.Groups["n"].Value).ToList();
        foreach (var word in matches)
        {
            if (OrdinalIndex(word, int.MaxValue) is { } i and >= 0)
            {
                found.Add(i);
            }
        }
        return found;
    }

    private static int? OrdinalIndex(string word, int count)
    {
        var w = word.ToLowerInvariant();
        if (w is "last" or "final")
        {
            return count == int.MaxValue ? null : count - 1;
        }
        var named = Array.IndexOf(Ordinals, w);
        if (named >= 0)
        {
            return named;
        }
        var digits = new string(w.TakeWhile(char.IsDigit).ToArray());
        return int.TryParse(digits, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n - 1 : null;
    }

    /// <summary>
    /// "which of these has code?", "which one of them is the newest?", "the most upvoted of those?": a choice among the
    /// papers referred to, answered from their listings, not a search for newer or other work. Null when the follow-up
    /// does not pick among them.
    /// </summary>
    private static FollowUpAspect? SelectionOf(string question)
    {
        if (!Selective.IsMatch(question))
        {
            return null;
        }
        return Upvoted.IsMatch(question) ? FollowUpAspect.MostUpvoted
            : Newest.IsMatch(question) ? FollowUpAspect.Newest
            : Oldest.IsMatch(question) ? FollowUpAspect.Oldest
            : Code.IsMatch(question) ? FollowUpAspect.WhichHaveCode
            : null;
    }

    // "which of these", "which one of them", "which ones", "any of those", "the newest of them", "of these, which".
    // Read once per question, so interpreted and built on first use (docs/contributing.md, "Regular expressions").
    private static Regex Selective => field ??= new(@"\b(?:which|what|any|do\s+any|does\s+any|the\s+\w+(?:est)?)\s+(?:ones?\s+)?of\s+(?:these|those|them|the(?:se|m)?\s+(?:papers|ones|results))\b|\bof\s+(?:these|those|them)\s*,?\s*which\b|\bwhich\s+ones?\b|\bthe\s+(?:newest|latest|oldest|earliest|most\s+(?:recent|upvoted|popular|liked))\s+(?:one|paper)\b", RegexOptions.IgnoreCase);

    // "which of these is from Microsoft?", "which ones of them are by Li Dong", "any of those written by PKU people?".
    private static Regex FromWhom => field ??= new(@"\b(?:is|are|was|were|come|comes|came)?\s*(?:from|by|written\s+by|authored\s+by)\s+(?<who>[\p{L}][\p{L}\p{N}.'&\- ]{1,60}?)(?:\s+(?:people|folks|researchers|authors|group|lab))?\s*[?.!]*\s*$", RegexOptions.IgnoreCase);

    private static Regex Upvoted => field ??= new(@"\b(?:most\s+(?:upvoted|popular|liked|votes|upvotes)|upvotes?|highest[\s-]+(?:voted|rated))\b", RegexOptions.IgnoreCase);

    private static Regex Newest => field ??= new(@"\b(?:newest|latest|most\s+recent|youngest|last\s+published|came\s+out\s+last)\b", RegexOptions.IgnoreCase);

    private static Regex Oldest => field ??= new(@"\b(?:oldest|earliest|first\s+published|came\s+out\s+first)\b", RegexOptions.IgnoreCase);

    private static Regex Code => field ??= new(@"\b(?:code|github|repo|repository|implementation|open[\s-]?source[sd]?)\b", RegexOptions.IgnoreCase);

    private static FollowUpAspect AspectOf(string question) =>
        Newer.IsMatch(question) ? FollowUpAspect.NewerWork
        : Authors.IsMatch(question) ? FollowUpAspect.Authors
        : Organisations.IsMatch(question) ? FollowUpAspect.Organisations
        : Date.IsMatch(question) ? FollowUpAspect.Date
        : Links.IsMatch(question) ? FollowUpAspect.Links
        : FollowUpAspect.Content;

    private static Regex OrdinalReference => field ??= new(@"(?:\b(?:the\s+)?(?<n>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final|\d+(?:st|nd|rd|th))\s+(?:one|paper|result|item|article|work)s?\b)|(?:^\s*(?:and|what about|how about|ok(?:ay)?,?)?\s*(?:the\s+)?(?<n>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final|\d+(?:st|nd|rd|th))\s*(?:one)?\s*[?.!]*\s*$)|(?:(?:\bnumber|\bno\.|#|\bpaper)\s*(?<n>\d+)\b)|(?:\[(?<n>\d+)\])", RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture);

    // "the first and the third", "compare the second with the fourth one", "1st vs 3rd".
    private static Regex OrdinalPair => field ??= new(@"\b(?:the\s+)?(?<a>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))(?:\s+(?:one|paper))?\s*(?:,|and|&|with|to|vs\.?|versus)\s*(?:the\s+)?(?<b>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\b(?!\s+(?:author|step|stage|time|half|order))", RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture);

    // A message that is only an ordinal reference ("and the second one?", "what about the third paper?").
    private static Regex BareOrdinal => field ??= new(@"^\s*(?:and|what\s+about|how\s+about|ok(?:ay)?,?|tell\s+me\s+(?:more\s+)?about)?\s*(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|\d+(?:st|nd|rd|th))\s*(?:one|paper|result)?\s*[?.!]*\s*$", RegexOptions.IgnoreCase);

    private static Regex PluralReference => field ??= new(@"\b(?:they|them|their|those|these|both|all of them|each of them)\b", RegexOptions.IgnoreCase);

    private static Regex SingularReference => field ??= new(@"\b(?:it|its|it's)\b|\b(?:that|this|the same)\s+(?:one|paper|work|study|method|approach|model|article)\b|\b(?:on|about|of|like|than|to|for)\s+(?:that|this)\s*[?.!]*\s*$", RegexOptions.IgnoreCase);

    private static Regex BareFollowUp => field ??= new(@"^\s*(?:and|what about|how about|more on|tell me more)\b[^.?!]{0,30}[?.!]*\s*$", RegexOptions.IgnoreCase);

    private static Regex Newer => field ??= new(@"\b(?:newer|more recent|later|latest|recent|since then|after (?:that|it|this)|follow-?up work|followed)\b", RegexOptions.IgnoreCase);

    private static Regex Authors => field ??= new(@"\b(?:who\s+(?:wrote|authored|made|did|published|are the authors)|authors?|written by|by whom)\b", RegexOptions.IgnoreCase);

    private static Regex Organisations => field ??= new(@"\b(?:which|what)\s+(?:org\w*|lab|labs|company|companies|institution\w*|universit\w*|group)\b|\baffiliat\w*|\bwhere\b.*\bfrom\b", RegexOptions.IgnoreCase);

    private static Regex Date => field ??= new(@"\b(?:when|what date|what year|how old|published)\b", RegexOptions.IgnoreCase);

    private static Regex Links => field ??= new(@"\b(?:link|links|url|pdf|code|github|repo|repository)\b", RegexOptions.IgnoreCase);
}
