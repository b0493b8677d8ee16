using System.Text.RegularExpressions;

namespace PaperBot.Core.Answering.Composition;

/// <summary>
/// Reads the kind of a content question from its wording. Runs only after <see cref="QuestionClassifier"/> has found
/// no metadata question (authors, organisations, dates, upvotes: those are answered from the database), so it
/// needs no names from the store and costs a few regular expressions.
/// </summary>
public static class ContentQuestionReader
{
    public static ContentQuestion Read(string question)
    {
        var q = Trailing.Replace(question.Trim(), "");
        if (Compare.Match(q) is { Success: true } compare)
        {
            return new ContentQuestion(ContentKind.Compare, Clean(compare.Groups["a"].Value), Clean(compare.Groups["b"].Value));
        }
        if (Versus.Match(q) is { Success: true } versus)
        {
            return new ContentQuestion(ContentKind.Compare, Clean(versus.Groups["a"].Value), Clean(versus.Groups["b"].Value));
        }
        if (Origin.Match(q) is { Success: true } origin)
        {
            return new ContentQuestion(ContentKind.Origin, Clean(origin.Groups["x"].Value));
        }
        var number = Number.IsMatch(q);
        var name = NameAsked.IsMatch(q);
        if (number || name)
        {
            return new ContentQuestion(ContentKind.Figure)
            {
                AsksForNumber = number,
                AsksForName = name,
                NameOf = name && NamedThing.Match(q) is { Success: true } thing ? thing.Groups["noun"].Value.ToLowerInvariant() : null,
                AsksSeveral = (number && name) || Number.Count(q) > 1 || SecondAsk.IsMatch(q),
            };
        }
        if (Method.Match(q) is { Success: true } method)
        {
            return new ContentQuestion(ContentKind.Method, NullIfPronoun(Clean(method.Groups["x"].Value)));
        }
        if (Finding.Match(q) is { Success: true } finding)
        {
            return new ContentQuestion(ContentKind.Finding, NullIfPronoun(Clean(finding.Groups["x"].Value)))
            {
                AsksForContribution = ContributionVerb.IsMatch(q),
            };
        }
        if (Summary.Match(q) is { Success: true } summary && !AboutPapers.IsMatch(summary.Groups["x"].Value))
        {
            return new ContentQuestion(ContentKind.Summary, NullIfPronoun(Clean(summary.Groups["x"].Value)));
        }
        if (Topic.IsMatch(q))
        {
            return new ContentQuestion(ContentKind.Topic);
        }
        return new ContentQuestion(ContentKind.General);
    }

    private static string Clean(string s) => Quotes.Replace(s, "").Trim().TrimEnd('.', ',', ';', ':');

    private static string? NullIfPronoun(string s) => s.Length == 0 || Pronoun.IsMatch(s) ? null : s;

    // Read once per question, so interpreted and built on first use (docs/contributing.md, "Regular expressions").
    private static Regex ContributionVerb => field ??= new(@"\b(?:propose|proposed|introduce|introduced|present|presented|contribute|contributions?|suggest|suggested)\b", RegexOptions.IgnoreCase);

    // "summarize X", "give me a quick overview of X", "tl;dr of X", "tell me about X", "what is X about", "what's X all about".
    private static Regex Summary => field ??= new(@"^(?:(?:please|can\s+you|could\s+you)\s+)?(?:summari[sz]e|recap|(?:give\s+(?:me\s+)?|i\s+(?:want|need)\s+)?(?:an?\s+)?(?:short\s+|quick\s+|brief\s+|one-line\s+)?(?:summary|overview|rundown|gist|tl;?dr)\s+(?:of|for|on)|tl;?dr\s*(?:of|for|on|:)?|tell\s+me\s+(?:about|more\s+about))\s+(?<x>.+)$|^what(?:'s|\s+is|\s+was)\s+(?<x>.+?)\s+(?:all\s+)?about$", RegexOptions.IgnoreCase);

    // "tell me about papers on X", "a summary of the work on X": a topic, not one paper.
    private static Regex AboutPapers => field ??= new(@"^(?:the\s+)?(?:papers|any|all|work|research|studies|recent|what|anything)\b", RegexOptions.IgnoreCase);

    private static Regex Trailing => field ??= new(@"[\s?!.]+$");

    private static Regex Quotes => field ??= new(@"[""'“”‘’`]");

    private static Regex Pronoun => field ??= new(@"^(?:it|they|them|this|that|these|those|this\s+paper|that\s+paper|the\s+paper|the\s+(?:method|approach|model)|their\s+(?:method|approach|model))$", RegexOptions.IgnoreCase);

    private static Regex Compare => field ??= new(@"^(?:(?:please\s+)?(?:compare|contrast)\s+|(?:what(?:'s|\s+is|\s+are)\s+)?(?:the\s+)?(?:differences?|comparison)\s+(?:between|of)\s+)(?:the\s+papers?\s+)?(?<a>.+?)\s+(?:and|with|to|against|vs\.?|versus)\s+(?<b>.+)$|^how\s+(?:does|do|is|are)\s+(?<a>.+?)\s+(?:compare|differ|stack\s+up)\s+(?:with|to|from|against)\s+(?<b>.+)$", RegexOptions.IgnoreCase);

    private static Regex Versus => field ??= new(@"^(?<a>[^,?]{2,60}?)\s+(?:vs\.?|versus)\s+(?<b>[^,?]{2,60})$", RegexOptions.IgnoreCase);

    private static Regex Origin => field ??= new(@"^(?:(?:which|what)\s+(?:paper|work|study|article|papers|publication)\s+(?:first\s+|originally\s+)?|who\s+(?:first\s+|originally\s+)?|where\s+(?:was|were|did)\s+)(?:introduced?|proposed?|presented?|invented?|came\s+up\s+with|coined?|originated|created?|developed?|defined?)\s+(?:the\s+(?:idea\s+of\s+|concept\s+of\s+|term\s+)?)?(?<x>.+?)(?:\s+(?:come\s+from|first\s+appear|introduced|proposed))?$|^(?:what\s+is\s+)?(?:the\s+)?origin(?:s)?\s+of\s+(?<x>.+)$|^where\s+(?:does|did)\s+(?<x>.+?)\s+come\s+from$", RegexOptions.IgnoreCase);

    private static Regex Number => field ??= new(@"\b(?:how\s+(?:many|much|large|big|long|fast|often)|what\s+(?:\w+\s+){0,3}(?:score|scores|rate|accuracy|number|size|percentage|limit|length|levels|speedup|speed-up|gain|improvement|reduction)|by\s+how\s+much)\b", RegexOptions.IgnoreCase);

    // "what is the model called", "what do they call X", "what are the names of", "what do they model the choice of K as".
    private static Regex NameAsked => field ??= new(@"\bwhat(?:\s+(?:is|are|was|were)|\s*['’]s)\s+(?:the\s+|this\s+|that\s+|their\s+|its\s+|these\s+|those\s+)?(?:[\w-]+\s+){0,6}?(?:called|named|termed|dubbed|known\s+as)\b|\bwhat\s+(?:do|did|does)\s+(?:they|the\s+authors|it|the\s+paper|the\s+study|we|you|people)\s+(?:call|name|term|dub|model\s+.{1,60}?\s+as|formulate\s+.{1,60}?\s+as|frame\s+.{1,60}?\s+as|cast\s+.{1,60}?\s+as|treat\s+.{1,60}?\s+as)\b|\bwhat(?:'s|\s+is|\s+are)\s+the\s+names?\s+(?:of|for)\b|\bwhat\s+name\b|\b(?:which|what)\s+(?:new\s+)?(?:benchmark|dataset|corpus|model|method|framework|metric|task|tool|system|algorithm|architecture)s?\s+(?:did|does|do)\s+(?:it|they|the\s+(?:paper|authors|study|work))\s+(?:introduce|propose|present|release|build|create|establish)\b", RegexOptions.IgnoreCase);

    // The noun a name question asks the name of: "which benchmark did it introduce", "what are the three new benchmarks
    // called", "what do they call the degradation".
    private static Regex NamedThing => field ??= new(@"\b(?:which|what)\s+(?:new\s+)?(?<noun>[\w-]+?)s?\s+(?:did|does|do)\s+(?:it|they|the\s+(?:paper|authors|study|work))\s+(?:introduce|propose|present|release|build|create|establish)\b|\bwhat(?:\s+(?:is|are|was|were)|\s*['’]s)\s+(?:the\s+|this\s+|that\s+|their\s+|its\s+|these\s+|those\s+)?(?:[\w-]+\s+){0,5}?(?<noun>[\w-]+?)s?\s+(?:called|named|termed|dubbed|known\s+as)\b|\b(?:call|name|term|dub)\s+(?:the|this|that|their|its|these|those)\s+(?:[\w-]+\s+){0,3}?(?<noun>[\w-]+?)s?\s*$", RegexOptions.IgnoreCase);

    // "… and how much of the model is changed?", "… and what is it called?": a second question joined to the first.
    private static Regex SecondAsk => field ??= new(@"(?:,|\band)\s+(?:what|which|how\s+(?:many|much|big|large|long)|who|where)\b", RegexOptions.IgnoreCase);

    private static Regex Method => field ??= new(@"^(?:(?:and\s+)?how\s+(?:does|do|did|is|are|was|were|can|could)\s+(?<x>.+?)\s+(?:work|works|operate|function|do\s+it|achieve\s+(?:this|that|it)|fix\s+(?:it|this|that)|solve\s+(?:it|this|that)|address\s+(?:it|this|that)|handle\s+(?:it|this|that)|tackle\s+(?:it|this|that)|overcome\s+(?:it|this|that)|(?:fix|solve|address|mitigate|handle|tackle|overcome|avoid|reduce|align|extend|choose|pick|select|train|learn|build|detect|decide|improve|make|generate|get|use|scale|teach)\b.*)|what\s+(?:method|approach|technique|mechanism)\s+(?:does|do|did)\s+(?<x>.+?)\s+use|how\s+(?<x>.+?)\s+works?)$", RegexOptions.IgnoreCase);

    private static Regex Finding => field ??= new(@"^(?:and\s+)?(?:what|which)\s+(?:did|does|do)\s+(?<x>.+?)\s+(?:find|found|propose|proposed|show|showed|achieve|achieved|report|reported|discover|discovered|conclude|concluded|contribute|introduce|present|demonstrate|reveal|claim|get|learn|measure|observe)\b.*$|^(?:what\s+(?:are|were)\s+the\s+(?:main\s+|key\s+)?(?:findings|results|contributions|conclusions)\s+of\s+)(?<x>.+)$|^what\s+(?:is|was)\s+(?<x>.+?)(?:'s)?\s+(?:main\s+|key\s+)?(?:finding|result|contribution|conclusion)$", RegexOptions.IgnoreCase);

    private static Regex Topic => field ??= new(@"\b(?:papers|any\s+(?:papers?|work|research|studies)|anything\s+(?:on|about)|what(?:'s|\s+is)\s+(?:in\s+)?here|which\s+(?:papers|works|studies)|what\s+(?:work|research|studies)\s+(?:is|are|exists?)|work\s+on|research\s+on|approaches\s+(?:to|for))\b", RegexOptions.IgnoreCase);
}
