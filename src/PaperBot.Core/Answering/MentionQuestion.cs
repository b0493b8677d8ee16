using System.Text.RegularExpressions;
using PaperBot.Core.Answering.Composition;

namespace PaperBot.Core.Answering;

/// <summary>
/// "which papers evaluate on GSM8K?", "papers that use MT-Bench", "who mentions Llama-2?": a question after every paper
/// that writes a name (a benchmark, dataset, model or method), not after a theme. Its answer is the papers that write the
/// name, all of them, rather than the few a ranking puts first: "mention" and "evaluate" are no topic words.
/// </summary>
public static class MentionQuestion
{
    /// <summary>The name the question asks about, as written ("GSM8K", "MT-Bench", "the GSM8K benchmark" → "GSM8K"); null
    /// when the question asks no such thing, or what it asks about is a theme rather than a name ("reward models").</summary>
    public static string? NameOf(string question)
    {
        var match = WhichPapers.Match(question) is { Success: true } m1 ? m1
            : PapersThat.Match(question) is { Success: true } m2 ? m2
            : WhoUses.Match(question);
        if (!match.Success)
        {
            return null;
        }
        var name = Quoted.Match(match.Groups["name"].Value) is { Success: true } quoted ? quoted.Groups["name"].Value : null;
        if (name is null)
        {
            name = GenericHead.Replace(Article.Replace(match.Groups["name"].Value.Trim(), ""), "").Trim();
            // Every word written as a name ("GSM8K", "AlpacaEval 2.0"): "LLM agents" and "Chatbot Arena" may be themes.
            if (!name.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(w => PaperNames.NameShaped(w) || w.All(c => char.IsDigit(c) || c == '.')))
            {
                return null;
            }
        }
        return name.Length >= 2 && name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxNameWords && !Alternatives.IsMatch(name) ? name : null;
    }

    private const int MaxNameWords = 4;

    private const string Verb = @"(?:mention(?:s|ed|ing)?|use[sd]?|using|evaluat(?:e[sd]?|ing)|test(?:s|ed|ing)?|report(?:s|ed|ing)?(?:\s+results)?|benchmark(?:s|ed|ing)?"
        + @"|compar(?:e[sd]?|ing)|cit(?:e[sd]?|ing)|build(?:s|ing)?|built|fine-?tun(?:e[sd]?|ing)|train(?:s|ed|ing)?|experiment(?:s|ed|ing)?|run(?:s|ning)?|ran|rel(?:y|ies|ied)|employ(?:s|ed|ing)?)";

    private const string Preposition = @"(?:\s+(?:on|with|against|to|upon|from|in))?";

    private const string Name = @"\s+(?<name>(?:[^?!.;]|\.(?=\d)){2,60}?)\s*[?!.]*\s*$";

    // "which papers evaluate on X", "what papers have used X", "which ones are tested on X", "how many papers mention X"
    // Read once per question, so interpreted and built on first use (docs/contributing.md, "Regular expressions").
    private static Regex WhichPapers => field ??= new(@"^\W*(?:which|what|how\s+many(?:\s+of\s+the)?)\s+(?:papers?|works?|studies|ones)\s+(?:(?:are|were|have|had|do|did|also|actually)\s+)?(?:been\s+)?" + Verb + Preposition + Name, RegexOptions.IgnoreCase);

    // "papers that use X", "any papers evaluated on X?", "anything mentioning X"
    private static Regex PapersThat => field ??= new(@"^\W*(?:(?:are\s+there|is\s+there|do\s+you\s+have|got)\s+)?(?:any\s+)?(?:papers?|work|studies|anything)\s+(?:(?:that|which)\s+(?:also\s+)?)?(?:(?:are|were|have|has)\s+)?(?:been\s+)?" + Verb + Preposition + Name, RegexOptions.IgnoreCase);

    // "who uses X?", "does any paper evaluate on X?", "do any papers mention X"
    private static Regex WhoUses => field ??= new(@"^\W*(?:who|(?:does|did)\s+any(?:one|\s+paper)|(?:do|did)\s+any\s+(?:papers|of\s+(?:them|the\s+papers)))\s+(?:else\s+)?" + Verb + Preposition + Name, RegexOptions.IgnoreCase);

    private static Regex Quoted => field ??= new(@"^[""'“‘](?<name>[^""'”’]{2,60})[""'”’]$");

    private static Regex Article => field ??= new(@"^(?:the|a|an)\s+", RegexOptions.IgnoreCase);

    // "the GSM8K benchmark", "MT-Bench as a benchmark", "Llama-2 models", "MMLU in their experiments"
    private static Regex GenericHead => field ??= new(@"(?:\s+(?:as\s+(?:a|an|the)\s+)?(?:benchmarks?|datasets?|data|models?|suites?|evaluation|eval|test\s+set|at\s+all|in\s+(?:their|the)\s+(?:experiments|evaluation)))+$", RegexOptions.IgnoreCase);

    private static Regex Alternatives => field ??= new(@"\b(?:or|and|vs\.?|versus)\b|[,/]", RegexOptions.IgnoreCase);
}
