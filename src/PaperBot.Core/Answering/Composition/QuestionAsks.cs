using System.Text.RegularExpressions;

namespace PaperBot.Core.Answering.Composition;

/// <summary>
/// The separate things one question asks about a paper: "the unsupervised style transfer paper - how many BLEU points did
/// it gain, and what is the model called?" asks two (a number, a name), each answered by its own sentence of the
/// abstract. The words that describe the paper ("the unsupervised style transfer paper") ask nothing.
/// </summary>
public static class QuestionAsks
{
    /// <summary>Each ask, in the question's order; a question with a single ask gives one, one with none gives none.</summary>
    public static IReadOnlyList<string> Of(string question) => Read(question).Asks;

    /// <summary>
    /// The words before the first ask, which describe the paper ("theres a paper where the model does a second chain of
    /// thought … google colab guide" before "name?"); empty when the question opens with its ask.
    /// </summary>
    public static string DescriptionOf(string question)
    {
        var (_, text, first) = Read(question);
        return text[..first].Trim().TrimEnd(',', ';', ':', '.', '?', '-', '–', '—', ' ');
    }

    private static (List<string> Asks, string Text, int FirstAskAt) Read(string? question)
    {
        var text = (question ?? "").Trim();
        var asks = new List<string>();
        // "…, and they even give a google colab guide. name?", "… rock-paper-scissors. name + github?", "… - name? and
        // whats the catch": asks written as bare nouns after the description; each is read as the question it stands for.
        var terse = new HashSet<int>();
        var firstAt = text.Length;
        var start = 0;
        var cuts = Cut.Matches(text).ToList();
        // "the paper on what human values are and how to align AI to them: what's their process called…": the words
        // before the colon or dash describe the paper, whatever question words they hold.
        if (cuts.FirstOrDefault(c => c.Value.IndexOfAny([':', '-', '–', '—']) >= 0) is { } described && DescribesPaper.IsMatch(text[..described.Index]))
        {
            start = described.Index + described.Length;
            cuts = cuts.Where(c => c.Index > described.Index).ToList();
        }
        foreach (var cut in cuts)
        {
            Keep(start, cut.Index);
            start = cut.Index + cut.Length;
        }
        Keep(start, text.Length);
        // A bare noun asks only what no written ask asks already ("what's it called? name?" asks once).
        var written = asks.Where((_, i) => !terse.Contains(i)).Select(CueOf).ToHashSet();
        var kept = asks.Where((a, i) => !terse.Contains(i) || !written.Contains(CueOf(a))).Distinct(StringComparer.Ordinal).ToList();
        return (kept, text, firstAt);

        void Keep(int from, int to)
        {
            var part = text[from..to];
            var bare = TerseAsks.Match(part);
            var writtenPart = bare.Success ? part[..bare.Index] : part;
            var ask = writtenPart.Trim().TrimEnd('?', '!', '.', ',', ';', ':', ' ').TrimStart('-', '–', '—', ' ');
            // An ask opens with its question word ("which benchmark…", "on how many…") or asks in place ("LiPO treats
            // alignment as what kind of ranking problem"); "the assistant where a StewardAgent coordinates…" describes the
            // paper. "…and why?": a question word with no word of its own asks nothing a sentence could be chosen for.
            // "where can I get it" has no word of its own but asks for the link, "how does it work" for the method.
            if ((OpensAsk.IsMatch(ask) || AsksInPlace.IsMatch(ask) || AsksForCode.IsMatch(ask)) && (Text.Tokenizer.ContentWords(ask).Count > 0 || CodeAsked.IsMatch(ask) || MethodAsked.IsMatch(ask)))
            {
                asks.Add(ask);
                firstAt = Math.Min(firstAt, from);
            }
            if (bare.Success)
            {
                foreach (Capture noun in bare.Groups["noun"].Captures)
                {
                    terse.Add(asks.Count);
                    asks.Add(noun.Value.ToLowerInvariant() is "name" or "title" ? "what is it called" : "where is the code");
                }
                firstAt = Math.Min(firstAt, from + bare.Index);
            }
        }
    }

    /// <summary>"the translation paper where…", "that debate setup paper…": the question opens by describing one paper.</summary>
    public static bool DescribesOnePaper(string question) => DescribesPaper.IsMatch(question ?? "");

    /// <summary>What kind of answer an ask wants, read from its wording.</summary>
    public static AskCue CueOf(string ask)
    {
        var cue = AskCue.None;
        if (NumberAsked.IsMatch(ask))
        {
            cue |= AskCue.Number;
        }
        if (NameAsked.IsMatch(ask))
        {
            cue |= AskCue.Name;
        }
        if (StandsFor.Match(ask) is { Success: true })
        {
            cue |= AskCue.LongForm;
        }
        if (CodeAsked.IsMatch(ask))
        {
            cue |= AskCue.Link;
        }
        if (MethodAsked.IsMatch(ask))
        {
            cue |= AskCue.Method;
        }
        if (FindingAsked.IsMatch(ask))
        {
            cue |= AskCue.Finding;
        }
        if (LimitationAsked.IsMatch(ask))
        {
            cue |= AskCue.Limitation;
        }
        return cue;
    }

    /// <summary>"what does CUE stand for": the short form whose long form is asked; null when the ask asks no long form.</summary>
    public static string? ShortFormAsked(string ask) =>
        StandsFor.Match(ask) is { Success: true } m && m.Groups["short"].Value is { Length: > 0 } shortForm
            && !Pronouns.Contains(shortForm) ? shortForm : null;

    // A cut between two asks: a comma, "and", a semicolon, a question mark, a full stop, a dash or a colon before a word that opens
    // an ask ("…, and which two kinds…", "… - what do they call it", "…? How many…", "… decides. whats it called", "…, and is there code?").
    // Read once per question, so interpreted and built on first use (docs/contributing.md, "Regular expressions").
    private static Regex Cut => field ??= new(@"(?:\s*[,;?:.!]\s*(?:and\s+|also\s+|plus\s+)?|\s+(?:and|plus|also)\s+|\s+[-–—]+\s+)(?=(?:(?:on|in|into|of|by|for|to|at|with|from|across|over|among|between|under|during|after|before|against|than|through|per)\s+)?(?:what|whats|which|how|who|whom|whose|where|when|why)\b|" + CodeYesNo + ")", RegexOptions.IgnoreCase);

    // "is there code?", "any repo?", "do they release code?", "is the code public?": a link asked without a question word.
    private const string CodeYesNo = @"(?:(?:is|are)\s+there|got|have\s+they\s+got)\s+(?:a\s+|an\s+|any\s+|some\s+)?(?:public\s+|open[- ]source\s+|official\s+)?(?:code|github|repo|repository|implementation|link)\b" + NotCodeTopic
        + @"|any\s+(?:public\s+)?(?:code|github|repo|repository|link)\s*(?:[?!.]|$)"
        + @"|(?:does|do|did)\s+(?:it|they|the\s+\w+|this|that)\s+(?:have|release|share|provide|ship|publish|open-source|come\s+with)\s+(?:a\s+|any\s+|the\s+|their\s+|its\s+|public\s+)*(?:code|github|repo|repository|implementation)\b" + NotCodeTopic
        + @"|(?:is|are)\s+(?:the\s+|their\s+|its\s+)?(?:code|repo|repository|implementation)\s+(?:public|available|released|out|online|open)\b"
        // "…? and link to code?", "…, link to the repo": the link asked for by name, with no question word.
        + @"|(?:a\s+|the\s+)?link\s+to\s+(?:the\s+|their\s+|its\s+)?(?:code|github|repo|repository|implementation)\b" + NotCodeTopic;

    // "… guide. name?", "…, name + github?", "… - title and code?": bare nouns that ask, at the end after a stop, comma, colon
    // or dash (not "what is the name?", not "papers with code?"). Read once per question, so interpreted.
    private const string TerseNoun = @"(?:the\s+|its\s+|their\s+)?(?<noun>name|title|github|repo|repository|code|link|url)";
    private static Regex TerseAsks => field ??= new(@"(?:^|(?<=[.?!;:,])|(?<=\s[-–—]+))\s*" + TerseNoun + @"(?:\s*(?:\+|&|/|,|\band\b)\s*" + TerseNoun + @"){0,3}\s*[?!.]*\s*$", RegexOptions.IgnoreCase);

    // "is there a code generation benchmark": code as a subject, not the paper's own code.
    private const string NotCodeTopic = @"(?!\s+(?:generation|completion|synthesis|models?|llms?|data|dataset|corpus|benchmarks?|tasks?|reasoning|repair|review|search|editing|understanding)\b)";
    private static Regex AsksForCode => field ??= new(@"^(?:(?:and|also|plus|so)\s+)?(?:" + CodeYesNo + ")", RegexOptions.IgnoreCase);

    private static Regex OpensAsk => field ??= new(@"^(?:(?:and|also|plus|so|then)\s+)?(?:(?:on|in|into|of|by|for|to|at|with|from|across|over|among|between|under|during|after|before|against|than|through|per)\s+)?(?:what|whats|which|how|who|whom|whose|where|when|why)\b", RegexOptions.IgnoreCase);

    private static Regex AsksInPlace => field ??= new(@"\b(?:as|is|are|was|were|to|by|of|from|into|on|in|at|with|does|do|did)\s+(?:what|which|how\s+(?:many|much))\b", RegexOptions.IgnoreCase);

    // "the paper on …", "that open-source web agent paper …", "the one where …": a description of the paper.
    private static Regex DescribesPaper => field ??= new(@"^\s*(?:the|that|this|a|an)\s+(?:[\w'’-]+\s+){0,8}?(?:paper|work|study|survey|article|preprint|one)\b", RegexOptions.IgnoreCase);

    // "how many", "how much", "how big is the improvement", "by what margin", "what speedup", "what accuracy", "what score".
    private static Regex NumberAsked => field ??= new(@"\bhow\s+(?:many|much|large|big|long|fast|often|low|high|small|far|well|accurate|common|frequent|prevalent|likely|costly|expensive|cheap)\b|\bby\s+(?:what|which)\s+(?:margin|factor|amount)|\bwhat(?:['’]?s)?\s+(?:[\w-]+\s+){0,3}?(?:score|scores|rate|rates|accuracy|number|size|percentage|share|fraction|proportion|ratio|limit|length|speedup|speed-up|gain|gains|improvement|reduction|drop|margin|margins|correlation|cost|budget|win\s+rate|f1|bleu|auc|auroc)\b|\bfrom\s+what\b", RegexOptions.IgnoreCase);

    // "what do they call it", "what's it called", "what is the benchmark named", "what's the framework where a critic
    // debates a defender called" (the thing is the noun the relative clause describes), "which dataset do they introduce",
    // "what's the name of", "which variant do they highlight", "what kind of data"; the noun the name is asked for where
    // the ask says it ("what's UL2's pre-training objective called": words may be possessives).
    private static Regex NameAsked => field ??= new(@"\bwhat(?:\s+(?:is|are|was|were)|\s*['’]?s(?=\s))\s+(?:the|their|its|this|that)\s+(?:[\w-]+\s+){0,3}?(?<noun>[\w-]+?)s?\s+(?:where|that|which|who|whose|with|for|in|of|from|used|behind|they|it)\b.{0,200}?\s(?:called|named|termed|dubbed|known\s+as)\b|\bwhat(?:\s+(?:is|are|was|were)|\s*['’]?s(?=\s))\s+(?:[\w'’-]+\s+){0,6}?(?<noun>[\w-]+?)s?\s+(?:called|named|termed|dubbed|known\s+as)\b|\bwhat\s+(?:do|did|does)\s+(?:\w+\s+){0,2}?(?:call|name|term|dub)(?:\s+(?:the|this|that|their|its|these|those)\s+(?:[\w-]+\s+){0,3}?(?<noun>[\w-]+?)s?\s*$)?|\bwhat(?:'s|’s|s(?=\s)|\s+is|\s+are)\s+(?:the\s+)?names?\b(?:\s+(?:of|for)\s+(?:the\s+|their\s+|its\s+|this\s+|that\s+)?(?:[\w-]+\s+){0,4}?(?<noun>[\w-]+?)s?(?=\s+(?:that|which|who|where|with|for|in|from|used|they|it|\w+ed\b)|\s*$))?|\bwhat\s+name\b|\b(?:which|what)\s+(?:new\s+)?(?:[\w-]+\s+){0,2}?(?<noun>benchmark|dataset|corpus|model|method|framework|metric|task|tool|system|algorithm|architecture|variant|strategy|technique|objective|protocol|suite|problem|phenomenon|setting|setup|loss)s?\b|\bwhat\s+(?:kind|type|sort|form)s?\s+of\s+(?:[\w-]+\s+){0,2}?(?<noun>[\w-]+?)s?\b(?=\s+(?:do|does|did|is|are|was|were|they|it)\b|\s*$)", RegexOptions.IgnoreCase);

    // The name asks that say "called", "named", "call", "name": the answer is the name itself, given in the sentence that
    // introduces it, not any sentence about the thing.
    private static Regex CalledAsked => field ??= new(@"\b(?:called|named|termed|dubbed|known\s+as)\b|\bwhat\s+(?:do|did|does)\s+(?:\w+\s+){0,2}?(?:call|name|term|dub)\b|\bnames?\s+(?:of|for)\b|\bwhat(?:'s|’s|s(?=\s)|\s+is|\s+are)\s+(?:the\s+|its\s+|their\s+)?names?\b|\bwhat\s+name\b|\bwhat\s+(?:kind|type|sort|form)s?\s+of\b", RegexOptions.IgnoreCase);

    /// <summary>"what kind of translation", "which type of data": the ask wants the kind, which the abstract writes as the
    /// noun with its modifiers ("colloquial subtitle translation"), not a new name.</summary>
    public static bool AsksWhatKind(string ask) => KindAsked.IsMatch(ask);

    private static Regex KindAsked => field ??= new(@"\b(?:what|which)\s+(?:kind|type|sort|form)s?\s+of\b", RegexOptions.IgnoreCase);

    // "how does it work", "how it works", "in a nutshell", "what's the trick", "how do they do it": how the method works.
    private static Regex MethodAsked => field ??= new(@"\bhow\s+(?:does|do|did)\s+(?:it|they|this|that|the\s+(?:method|approach|framework|model|system|technique))\s+(?:work|do\s+(?:it|that|this))\b|\bhow\s+(?:it|they)\s+works?\b|\bin\s+a\s+nutshell\b|\bwhat(?:['’]?s|\s+is)\s+the\s+(?:trick|idea|gist|mechanism)\b", RegexOptions.IgnoreCase);

    // "what did they see happen to exploration", "what did they find", "what happens to accuracy", "what was the finding".
    private static Regex FindingAsked => field ??= new(@"\bwhat\s+(?:did|do|does)\s+(?:they|it|the\s+(?:authors|paper|study|work|analysis|experiments?))\s+(?:see|find|observe|notice|discover|learn|report|uncover)\b|\bwhat\s+(?:happens|happened|happen)\s+to\b|\bwhat\s+(?:is|was|were|are)\s+(?:the\s+|their\s+|its\s+)?(?:main\s+|key\s+)?(?:finding|outcome|takeaway)s?\b", RegexOptions.IgnoreCase);

    // "whats the catch they admit", "what's the main limitation", "any drawbacks", "what are the downsides".
    private static Regex LimitationAsked => field ??= new(@"\b(?:what(?:['’]?s|\s+is|\s+are|\s+was|\s+were)?|any|which)\s+(?:the\s+|their\s+|its\s+|a\s+|one\s+)?(?:main\s+|big\s+|key\s+|biggest\s+)?(?:catch|downside|drawback|limitation|weakness|caveat|shortcoming)s?\b", RegexOptions.IgnoreCase);

    /// <summary>"what is it called", "what do they name the loop", "what's the name of the strategy", "what kind of data":
    /// the ask wants a name (or the term for a kind) as the abstract gives it, not any sentence about the thing.</summary>
    public static bool AsksWhatCalled(string ask) => CalledAsked.IsMatch(ask);

    /// <summary>"strategy" in "what is the new prompting strategy called", "variant" in "which variant do they highlight";
    /// null when the ask names no thing ("what do they call it").</summary>
    public static string? NamedThing(string ask) =>
        NameAsked.Match(ask) is { Success: true } m && m.Groups["noun"].Value is { Length: > 2 } noun
            && !Pronouns.Contains(noun) ? noun.ToLowerInvariant() : null;

    /// <summary>The asked noun and the nouns an abstract may write for it ("the loop" is the abstract's "cycle").</summary>
    public static IReadOnlyList<string> NounsLike(string noun) =>
        [noun, .. Alike.FirstOrDefault(group => group.Contains(noun)) ?? []];

    // Nouns a question and an abstract use for the same kind of thing.
    private static readonly string[][] Alike =
    [
        ["loop", "cycle", "process", "procedure", "pipeline", "paradigm", "scheme"],
        ["method", "approach", "technique", "framework", "algorithm", "strategy", "recipe"],
        ["benchmark", "dataset", "suite", "testbed", "corpus"],
        ["objective", "loss"],
        ["problem", "phenomenon", "issue", "failure", "effect", "bias"],
        ["metric", "measure", "score"],
    ];

    private static readonly HashSet<string> Pronouns = new(StringComparer.OrdinalIgnoreCase) { "it", "they", "this", "that", "them", "one", "thing" };

    // "what does CUE stand for", "what is CUE short for", "what does the acronym stand for" ("what does X mean" may ask
    // what a result means: not read as a long form).
    private static Regex StandsFor => field ??= new(@"\bwhat\s+(?:does|do|did|is|'s)\s+(?:the\s+(?:acronym|abbreviation|name)\s+)?(?<short>[\p{L}\p{N}-]+)\s+(?:stand\s+for|short\s+for|expand\s+to)\b|\bwhat\s+(?:does|do)\s+(?:the\s+)?(?:acronym|abbreviation)\s+(?:stand\s+for|mean)\b|\b(?:stand|stands)\s+for\b|\bspelled\s+out\b|\blong\s+form\b", RegexOptions.IgnoreCase);

    // "where's their code", "where can I get it", "is there a link".
    private static Regex CodeAsked => field ??= new(@"\b(?:code|github|repo|repository|implementation|link|url|download)\b|\bwhere\s+(?:can|could|do|would|should)\s+(?:i|we|you|one|people)\s+(?:get|find|download|access|obtain|grab|try)\b|\bwhere\s+(?:is|are|was|were)\s+(?:it|they|this|that|the\s+\w+)\s+(?:available|hosted|released|published)\b", RegexOptions.IgnoreCase);
}
