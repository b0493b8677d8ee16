using System.Text.RegularExpressions;
using PaperBot.Core.Papers;

namespace PaperBot.Core.Answering.Composition;

/// <summary>How papers and the things they introduce are named in questions and abstracts.</summary>
public static partial class PaperNames
{
    // A short name before a title's colon is a word or two ("Step-DPO"); a longer head is a sentence-like title.
    private const int MaxShortName = 40;

    /// <summary>The name before a title's colon ("Step-DPO" for "Step-DPO: Step-wise Preference…"), or null.</summary>
    public static string? ShortName(Paper paper)
    {
        if (paper.TitleDerived)
        {
            return null;
        }
        var colon = paper.Title.IndexOf(':', StringComparison.Ordinal);
        return colon is > 1 and <= MaxShortName ? paper.Title[..colon].Trim() : null;
    }

    /// <summary>A label for a line about the paper: its short name, else its title when that is short.</summary>
    public static string? Label(Paper paper) =>
        ShortName(paper) ?? (!paper.TitleDerived && paper.Title.Length <= 60 ? paper.Title : null);

    /// <summary>Lower case, hyphens and punctuation as spaces: "Chain-of-Thought" and "chain of thought" meet.</summary>
    public static string Normal(string text) => Spaces().Replace(NonWord().Replace(text.ToLowerInvariant(), " "), " ").Trim();

    /// <summary>True when <paramref name="text"/> names <paramref name="name"/> as a whole word, not inside a longer
    /// hyphenated name ("Step-DPO" does not mention "Full-Step-DPO", but "Step-DPO" mentions "DPO").</summary>
    public static bool Mentions(string text, string name, bool wholeToken = false)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }
        var pattern = wholeToken
            ? $@"(?<![\w-]){Regex.Escape(name)}(?![\w-])"
            : $@"(?<!\w){Regex.Escape(name)}(?!\w)";
        if (Regex.IsMatch(text, pattern, RegexOptions.IgnoreCase))
        {
            return true;
        }
        var normalName = Normal(name);
        // Spelling variants ("chain of thought" for "chain-of-thought") only for multi-word names; a hyphenated name
        // asked for as a whole token must not be found inside a longer one.
        return !wholeToken && normalName.Contains(' ', StringComparison.Ordinal) && $" {Normal(text)} ".Contains($" {normalName} ", StringComparison.Ordinal);
    }

    /// <summary>How well a paper answers to a name typed by the user: 3 its short name, 2 in its title, 1 in its abstract, 0 not at all.</summary>
    public static int NameMatch(Paper paper, string name)
    {
        var normal = Normal(name);
        if (normal.Length == 0)
        {
            return 0;
        }
        if (ShortName(paper) is { } shortName && Normal(shortName) == normal)
        {
            return 3;
        }
        var title = $" {Normal(paper.Title)} ";
        if (title.Contains($" {normal} ", StringComparison.Ordinal) || (normal.Length >= 12 && Normal(paper.Title).StartsWith(normal, StringComparison.Ordinal)))
        {
            return 2;
        }
        // Every rare word of the name in the title: "RLHF Part II" for "Secrets of RLHF in Large Language Models Part II".
        var words = normal.Split(' ').Where(w => !Text.Tokenizer.IsStopWord(w) && w is not ("paper" or "study" or "work" or "original" or "the")).ToList();
        if (words.Count >= 2 && words.All(w => title.Contains($" {w} ", StringComparison.Ordinal)))
        {
            return 2;
        }
        return Mentions(paper.Abstract, name, wholeToken: true) ? 1 : 0;
    }

    /// <summary>
    /// True when a question's subject ("how does X work", "what did X find") names this paper rather than a theme that
    /// papers share: the paper's short name ("StableMoE", "mirostat"); or words its title holds when they are written as
    /// a name ("RLHF Part II": capitals inside a word, digits), framed as a paper ("the alignment faking paper"), or most
    /// of the title typed out. "reward models" in "how do reward models get hacked?" is a theme, even though one title
    /// holds the words.
    /// </summary>
    public static bool NamesPaper(Paper paper, string subject)
    {
        var match = NameMatch(paper, subject);
        if (match >= 3)
        {
            return true;
        }
        if (match < 2)
        {
            return false;
        }
        if (NameShaped(subject) || FramedAsPaper().IsMatch(subject))
        {
            return true;
        }
        var named = Text.Tokenizer.ContentWords(subject);
        var title = Text.Tokenizer.ContentWords(paper.Title);
        return named.Count >= 3 && named.Count * 2 >= title.Count;
    }

    /// <summary>The paper among <paramref name="candidates"/> (best first) that <paramref name="subject"/> names: the one whose
    /// short name it is, else the only one it names (<see cref="NamesPaper"/>); null when it names none, or several titles
    /// hold it ("DPO" in "Step-DPO: …" and "Unpacking DPO and PPO": a technique, not a paper).</summary>
    public static Paper? NamedBy(IEnumerable<Paper> candidates, string subject)
    {
        var named = candidates.DistinctBy(p => p.Id).Where(p => NamesPaper(p, subject)).ToList();
        return named.FirstOrDefault(p => NameMatch(p, subject) >= 3) ?? (named.Count == 1 ? named[0] : null);
    }

    /// <summary>A word written as a name: a capital after its first letter ("StableMoE", "RLHF"), or letters with digits ("GPT-4").</summary>
    public static bool NameShaped(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(t => t.Skip(1).Any(char.IsUpper) || (t.Any(char.IsDigit) && t.Any(char.IsLetter)));

    [GeneratedRegex(@"\b(?:paper|study|survey|article|report)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FramedAsPaper();

    /// <summary>Long forms the abstracts give for an acronym: "Direct Preference Optimization (DPO)" → "Direct Preference Optimization".</summary>
    public static IReadOnlyList<string> LongForms(string acronym, IEnumerable<Paper> papers)
    {
        if (acronym.Length is < 2 or > 12 || !acronym.Any(char.IsUpper))
        {
            return [];
        }
        var forms = new List<string>();
        var pattern = new Regex($@"((?:[A-Z][\w-]*|of|for|with|from|and|in|to)(?:\s+(?:[A-Z][\w-]*|of|for|with|from|and|in|to)){{1,7}})\s*\(\s*{Regex.Escape(acronym)}\s*\)");
        foreach (var paper in papers)
        {
            foreach (Match m in pattern.Matches(paper.Abstract))
            {
                var words = m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
                // Keep as many trailing words as the acronym has letters, from the first capitalised one.
                var take = Math.Min(words.Count, acronym.Count(char.IsUpper) + 2);
                var form = string.Join(' ', words.Skip(words.Count - take).SkipWhile(w => !char.IsUpper(w[0])));
                if (form.Length > 0 && !forms.Contains(form, StringComparer.OrdinalIgnoreCase))
                {
                    forms.Add(form);
                }
            }
        }
        return forms;
    }

    /// <summary>True when the sentence says the paper itself brings <paramref name="name"/> in ("we propose X", "… called X",
    /// "This paper introduces X", "a novel method we call X (ACR)"), rather than using or extending it ("a version of X").</summary>
    public static bool Introduces(string sentence, string name)
    {
        var (direct, labelled, appositive, building) = IntroducerPatterns(name);
        return (direct.IsMatch(sentence) || labelled.IsMatch(sentence) || appositive.IsMatch(sentence)) && !building.IsMatch(sentence);
    }

    // Building these four patterns costs far more than matching them, and an origin answer checks every sentence of up
    // to a dozen abstracts against the same names: built once per name. Names come from questions, so the cache is
    // emptied when it grows, rather than kept forever.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (Regex, Regex, Regex, Regex)> Introducers = new(StringComparer.Ordinal);

    private static (Regex Direct, Regex Labelled, Regex Appositive, Regex Building) IntroducerPatterns(string name)
    {
        if (Introducers.TryGetValue(name, out var cached))
        {
            return cached;
        }
        if (Introducers.Count >= 512)
        {
            Introducers.Clear();
        }
        var escaped = Regex.Escape(name);
        var named = $@"(?:propos\w*|introduc\w*|present\w*|develop\w*|design\w*|build|builds|construct\w*|creat\w*|releas\w*|coin\w*)";
        // The name must end its noun phrase ("we propose StableMoE with…", "called Math-Shepherd, which…"), or be followed by a
        // generic head ("the DeepSeekMoE architecture"); "a novel step-wise DPO loss" introduces a loss, not DPO.
        const string end = @"(?=\s*(?:[,.;:()]|$)|\s+(?:a|an|which|that|to|for|as|in|with|is|are|and|architecture|framework|method|model|models|benchmark|dataset|approach|algorithm|system|family|paradigm|metric|strategy|technique|pipeline|suite|tool|library)\b)";
        var direct = new Regex($@"\b{named}\s+(?:(?:a|an|the|our|new|novel|simple|first)\s+){{0,2}}{escaped}(?![\w-]){end}", RegexOptions.IgnoreCase);
        // "an algorithm called DPO" names something that exists; "a novel method we call RLVR" names the paper's own.
        var labelled = new Regex($@"\b(?:we\s+(?:\w+\s+){{0,4}}?(?:propose|introduce|present|design|develop|build|construct|create|call|term|name|dub)|our|novel|new|this\s+paper|this\s+work)\b[^.]*?\b(?:called|named|dubbed|termed|call|coined)\s+(?:(?:[\w-]+\s+){{1,8}}?\({escaped}\)|{escaped}(?![\w-]){end})", RegexOptions.IgnoreCase);
        var appositive = new Regex($@"(?<![\w-]){escaped}\s*(?:\([^)]*\)\s*)?,\s*(?:a|an)\s+(?:novel|new|simple|first)", RegexOptions.IgnoreCase);
        var building = new Regex($@"\b(?:of|on|upon|extend\w*|generaliz\w*|improv\w*|variant\w*|version\w*|than|like|over|beyond|recently|previously|widely|commonly|originally|popular\w*|existing|prior|standard|vanilla|conventional)\s+(?:the\s+)?(?:[\w-]+\s+){{0,1}}{escaped}(?![\w-])", RegexOptions.IgnoreCase);
        var patterns = (direct, labelled, appositive, building);
        Introducers[name] = patterns;
        return patterns;
    }

    /// <summary>True when the sentence names the paper's own method: its short name ("Step-DPO"), the acronym its
    /// title gives in brackets ("… Defense (LGFD) model"), or, for a title taken from the abstract, that title.</summary>
    public static bool NamesItself(Paper paper, string sentence)
    {
        if (ShortName(paper) is { } name && Mentions(sentence, name, wholeToken: true))
        {
            return true;
        }
        if (TitleAcronym().Match(paper.Title) is { Success: true } acronym && Mentions(sentence, acronym.Groups[1].Value, wholeToken: true))
        {
            return true;
        }
        return paper.TitleDerived && Normal(sentence).Contains(Normal(paper.Title), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\(([A-Z][\w-]*[A-Z][\w-]*)\)")]
    private static partial Regex TitleAcronym();

    [GeneratedRegex(@"[^\p{L}\p{N}+]+")]
    private static partial Regex NonWord();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
