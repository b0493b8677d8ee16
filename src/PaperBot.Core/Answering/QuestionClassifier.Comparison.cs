using System.Text.RegularExpressions;
using PaperBot.Core.Text;

namespace PaperBot.Core.Answering;

/// <summary>
/// The comparison part of the rule-based reader: two papers named side by side on a stored fact ("which came out first,
/// BARS-CTR or the merge conflict resolution paper?", "DualMix vs the offline experience replay one - which is newer?",
/// "StableMoE vs DeepSeekMoE: which has more upvotes?", "is DeepSeekMoE newer than StableMoE?", "compare the dates of X
/// and Y"). A bare "compare X and Y" asks what the papers do, and stays a content question.
/// </summary>
public sealed partial class QuestionClassifier
{
    /// <summary>The two names and the facts a comparison question asks for, as written; null when the question is no
    /// comparison of stored facts.</summary>
    internal static (string First, string Second, PaperFacts Facts, bool FirstFramed, bool SecondFramed)? ComparisonIn(string question)
    {
        var text = Regex.Replace(question ?? "", @"\s+", " ").Trim();
        var facts = ComparedFacts(text);
        if (facts == PaperFacts.None)
        {
            return null;
        }
        foreach (var pattern in ComparisonShapes)
        {
            if (pattern.Match(text) is { Success: true } m)
            {
                if (GroupOfPapers.IsMatch(m.Groups["a"].Value) || GroupOfPapers.IsMatch(m.Groups["b"].Value))
                {
                    // "does DeepSeekMoE have more authors than the other MoE papers?": a group of papers, not one paper.
                    return null;
                }
                var first = ComparedName(m.Groups["a"].Value);
                var second = ComparedName(m.Groups["b"].Value);
                if (first.Length > 0 && second.Length > 0 && !first.Equals(second, StringComparison.OrdinalIgnoreCase))
                {
                    return (first, second, facts, IsFramed(m.Groups["a"].Value), IsFramed(m.Groups["b"].Value));
                }
            }
        }
        return null;
    }

    /// <summary>The comparison the question asks for, with each name resolved to a stored paper: both found, or one found
    /// and the other written as a name (so "not in the corpus" is right). Null otherwise, and the question is read as before.</summary>
    private QuestionIntent.ComparePapers? Comparison(string question)
    {
        if (ComparisonIn(question) is not { } read)
        {
            return null;
        }
        var (firstId, firstTopic) = ComparedPaperId(read.First, read.FirstFramed);
        var (secondId, secondTopic) = ComparedPaperId(read.Second, read.SecondFramed);
        if (firstTopic && secondTopic)
        {
            // "is preference optimization older than reward modeling?", "continual learning and data augmentation, which
            // came out first?": two topics in plain words, each found in some title, name no two papers.
            return null;
        }
        var first = new ComparedPaper(read.First, firstId);
        var second = new ComparedPaper(read.Second, secondId);
        if (first.PaperId is null && second.PaperId is null)
        {
            return null;
        }
        if (first.PaperId == second.PaperId)
        {
            return null;
        }
        var missing = first.PaperId is null ? first : second.PaperId is null ? second : null;
        if ((missing is not null && MoreNames.IsMatch(missing.Name)) || read.First.Contains(',') || read.Second.Contains(','))
        {
            // "which came out first, StableMoE or DeepSeekMoE or DualMix?": three names, not a missing paper called
            // "DeepSeekMoE or DualMix"; only two are compared, so the question is read as before.
            return null;
        }
        if (missing is not null && !missing.Name.Split(' ').Any(IsNameToken))
        {
            // "is StableMoE older than the routing one?": words that name no title may still describe a paper; not said missing.
            return null;
        }
        return new QuestionIntent.ComparePapers([first, second], read.Facts);
    }

    /// <summary>The stored paper a compared name means: a title's short name, a run of its words in order (two content
    /// words, or one written as a name), or the paper whose abstract presents the name as its own. Topic: found only as
    /// two plain words inside a title, unframed ("preference optimization"), which may as well be a topic.</summary>
    private (string? Id, bool Topic) ComparedPaperId(string name, bool framed)
    {
        var content = Tokenizer.ContentWords(name).Count;
        if (content == 0)
        {
            return (null, false);
        }
        var asName = name.Split(' ').Any(IsNameToken);
        if (_titles.Find(name) is { } found)
        {
            if (IsShortNameOf(name, found.Title) || content >= 3)
            {
                return (found.Id, false);
            }
            if (found.Phrase && asName)
            {
                // "is DPO more popular than PPO?": a bare acronym inside a title (not its short name) names a method
                // many papers use, as likely as the paper.
                return (found.Id, !framed && Acronym.IsMatch(name));
            }
            if (found.Phrase && content >= 2)
            {
                return (found.Id, !framed);
            }
        }
        return (asName && _titles.IntroducingPaper(name) is { } introducing ? introducing.Id : null, false);
    }

    private static PaperFacts ComparedFacts(string text)
    {
        var facts = PaperFacts.None;
        if (ComparedDateCue.IsMatch(text))
        {
            facts |= PaperFacts.Date;
        }
        if (ComparedUpvotesCue.IsMatch(text))
        {
            facts |= PaperFacts.Upvotes;
        }
        if (ComparedAuthorsCue.IsMatch(text))
        {
            facts |= PaperFacts.AuthorCount;
        }
        if (ComparedOrgsCue.IsMatch(text))
        {
            facts |= PaperFacts.Orgs;
        }
        if (ComparedAllCue.IsMatch(text))
        {
            facts |= PaperFacts.Date | PaperFacts.Upvotes | PaperFacts.AuthorCount | PaperFacts.Orgs;
        }
        return facts;
    }

    /// <summary>A compared name without its frame: "the merge conflict resolution paper" → "merge conflict resolution",
    /// "the offline experience replay one" → "offline experience replay".</summary>
    private static string ComparedName(string written)
    {
        var name = written.Trim().Trim('?', '!', '.', ',', ';', ':', '-', '–', '—', '"', '\'', '“', '”', '‘', '’', '(', ')', ' ');
        name = Regex.Replace(name, @"^(?:(?:the|a|an|that|this|paper|preprint|article)\s+)+", "", RegexOptions.IgnoreCase);
        name = Regex.Replace(name, @"(?:'s|’s)$", "", RegexOptions.IgnoreCase);
        name = Regex.Replace(name, @"\s+(?:paper|preprint|article|one|work|study)$", "", RegexOptions.IgnoreCase);
        return name.Trim().Trim('"', '\'', '“', '”', '‘', '’', ',', ':', ';', '-', ' ');
    }

    private static Regex Acronym => field ??= new(@"^\p{Lu}{2,6}s?$", RegexOptions.CultureInvariant);

    /// <summary>"the merge conflict resolution paper", "the offline experience replay one": a name framed as one paper.</summary>
    private static bool IsFramed(string written) => FramedName.IsMatch(written.Trim());

    private static Regex FramedName => field ??= new(@"^[""'“‘]|^(?:the|that|this)\s|\s(?:paper|preprint|article|one|work|study)\W*$", RegexOptions.IgnoreCase);

    // "the other MoE papers", "the speculative decoding ones": a group of papers.
    private static Regex GroupOfPapers => field ??= new(@"\b(?:papers|preprints|articles|ones|works|studies)\W*$", RegexOptions.IgnoreCase);

    // A joiner inside one compared name: the question names more than two papers.
    private static Regex MoreNames => field ??= new(@"\s(?:or|vs\.?|versus)\s|,", RegexOptions.IgnoreCase);

    private const string OlderNewer = @"(?:newer|older|more\s+recent|less\s+recent|earlier|later|first|last|latest|newest|oldest|earliest|before|after|sooner)";
    private const string MoreFewer = @"(?:more|fewer|less|most|fewest|least|higher|lower|bigger|larger|smaller)\s+(?:up)?(?:votes|likes|upvoted|popular|liked|co-?authors|authors|people|writers|researchers|names|(?:author\s+)?(?:team|list|count))";
    private const string Joiner = @"(?:or|vs\.?|versus|and|against)";

    private static Regex[] ComparisonShapes => field ??=
    [
        // "is DeepSeekMoE newer than StableMoE?", "did BARS-CTR come out before DualMix?", "does X have more upvotes than Y?"
        new(@"^(?:so\s+|and\s+|ok\s+)?(?:is|was|are|were|did|does|do|has|had)\s+(?<a>.+?)\s+(?:(?:come|came|comes)\s+out\s+|(?:get|got|have|has|had)\s+|(?:been\s+)?(?:published|released|posted|listed|out)\s+|appear(?:ed)?\s+)?(?:" + OlderNewer + "|" + MoreFewer + @")\s+(?:than\s+)?(?<b>.+?)\s*[?.!]*$", RegexOptions.IgnoreCase),
        // "which of X and Y is newer?", "which between X or Y has more authors"
        new(@"\bwhich\s+(?:one\s+)?(?:of|between)\s+(?:the\s+two\s*,?\s*)?(?<a>.+?)\s+" + Joiner + @"\s+(?<b>.+?)\s+(?:is|was|has|had|came|come|got|appeared|were|published|released|gets)\b", RegexOptions.IgnoreCase),
        // "between X and Y, which came out first?"
        new(@"\bbetween\s+(?<a>.+?)\s+(?:and|or)\s+(?<b>.+?)\s*[,;:\-–—]?\s*which\b", RegexOptions.IgnoreCase),
        // "which came out first, BARS-CTR or the merge conflict resolution paper?", "which has more upvotes: X or Y?"
        new(@"\bwhich\b(?:\s+(?:one|paper|is|was|has|had|came|come|got|appeared|published|released))*[^,:;?]*?(?:[,:;]|\s[-–—])\s*(?<a>.+?)\s+" + Joiner + @"\s+(?<b>.+?)\s*[?.!]*$", RegexOptions.IgnoreCase),
        // "which is newer X or Y", "which one came out first StableMoE or DeepSeekMoE"
        new(@"\bwhich(?:\s+(?:one|paper))?\s+(?:is|was|came\s+out|come\s+out|has|had|got|appeared|published|released)\s+(?:the\s+)?(?:" + OlderNewer + "|" + MoreFewer + @")\s*(?:of\s+(?:the\s+two\s*)?)?,?\s+(?<a>.+?)\s+" + Joiner + @"\s+(?<b>.+?)\s*[?.!]*$", RegexOptions.IgnoreCase),
        // "DualMix vs the offline experience replay one - which is newer?", "X or Y: which came first", "X and Y, which has more authors"
        new(@"^(?:so\s+|and\s+|ok\s+)?(?:compare\s+)?(?<a>.+?)\s+" + Joiner + @"\s+(?<b>.+?)\s*(?:[-–—:,;?]+\s*|\s)(?:so\s+)?which\b", RegexOptions.IgnoreCase),
        // "compare the dates of X and Y", "compare X and Y by upvotes", "X vs Y upvotes"
        new(@"\bcompare\s+(?:the\s+)?(?:(?:release\s+|publication\s+)?dates?|upvotes?|(?:up)?votes|author\s+counts?|authors|number\s+of\s+(?:authors|upvotes)|facts|metadata|listings?|details|stats)(?:\s*(?:,|and|&)\s*(?:the\s+)?(?:(?:release\s+|publication\s+)?dates?|upvotes?|votes|author\s+counts?|authors|organi[sz]ations|orgs))*\s+(?:of|for|between)\s+(?<a>.+?)\s+(?:and|with|to|vs\.?|versus)\s+(?<b>.+?)\s*[?.!]*$", RegexOptions.IgnoreCase),
        new(@"\bcompare\s+(?<a>.+?)\s+(?:and|with|to|vs\.?|versus)\s+(?<b>.+?)\s+(?:by|on|in\s+terms\s+of|for)\s+(?:their\s+|the\s+)?(?:(?:release\s+|publication\s+)?dates?|upvotes?|votes|author\s+counts?|authors|number\s+of\s+(?:authors|upvotes)|facts|metadata|listings?|details|stats|popularity|age)\b.*$", RegexOptions.IgnoreCase),
    ];

    // Which stored fact the comparison is on.
    private static Regex ComparedDateCue => field ??= new(@"\b(?:newer|older|more\s+recent|less\s+recent|earlier|later|latest|newest|oldest|earliest|sooner)\b|\b(?:came|come|comes|published|released|posted|out|appeared)\s+(?:out\s+)?(?:first|last|earlier|later|before|after)\b|\bwhich\s+(?:one\s+|paper\s+)?(?:was\s+)?first\b|\b(?:release\s+|publication\s+)?dates?\b|\bage\b", RegexOptions.IgnoreCase);
    private static Regex ComparedUpvotesCue => field ??= new(@"\b(?:up)?votes?\b|\blikes\b|\b(?:more|most|less|least)\s+(?:popular|liked|upvoted)\b|\bpopularity\b", RegexOptions.IgnoreCase);
    private static Regex ComparedAuthorsCue => field ??= new(@"\b(?:more|fewer|less|most|fewest|least)\s+(?:co-?)?(?:authors|people|writers|researchers|names)\b|\b(?:bigger|larger|smaller|longer|shorter)\s+(?:author\s+)?(?:team|list|byline)\b|\bauthor\s+counts?\b|\bnumber\s+of\s+authors\b|\bcompare\s+(?:the\s+)?authors\b|\bby\s+authors\b", RegexOptions.IgnoreCase);
    private static Regex ComparedOrgsCue => field ??= new(@"\b(?:organi[sz]ations|orgs|affiliations)\b", RegexOptions.IgnoreCase);
    private static Regex ComparedAllCue => field ??= new(@"\bcompare\s+(?:the\s+)?(?:facts|metadata|listings?|details|stats)\b|\b(?:by|on|in\s+terms\s+of)\s+(?:their\s+|the\s+)?(?:facts|metadata|listings?|details|stats)\b", RegexOptions.IgnoreCase);
}
