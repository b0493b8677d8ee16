using System.Text.RegularExpressions;
using PaperBot.Core.Text;

namespace PaperBot.Core.Retrieval;

/// <summary>
/// Words of a question written as names: inner capitals (AlphaFold, ChronoRAG), a name with digits (GPT4, Qwen2),
/// acronyms of three or more capitals (MMLU), or a capitalised word that does not open a sentence (Mamba, France).
/// A name the corpus never uses is a strong sign that the question is about something the papers do not cover.
/// </summary>
public static partial class NamedTerms
{
    public static IReadOnlyList<string> Of(string question)
    {
        var names = new List<string>();
        foreach (Match match in Word().Matches(question))
        {
            if (IsName(question, match))
            {
                names.Add(match.Value.ToLowerInvariant());
            }
        }
        return names.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Names of several words written side by side ("Stable Diffusion XL", "Lake Tahoe", "OpenAI Five"), lower-cased,
    /// each at least two words: names joined by a space or a hyphen, a short capital or number token ("XL", "QA", "2")
    /// continuing one, a stop word ending one. Each word may be common; the name is the phrase.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Phrases(string question)
    {
        var phrases = new List<IReadOnlyList<string>>();
        var current = new List<string>();
        var end = -1;
        void Close()
        {
            if (current.Count >= 2)
            {
                phrases.Add(current.ToList());
            }
            current.Clear();
        }
        foreach (Match match in Word().Matches(question))
        {
            var word = match.Value;
            // "3.5B": a decimal size continues the name its whole part continued.
            var joined = end >= 0 && (question[end..match.Index] is " " or "-"
                || (question[end..match.Index] == "." && current.Count > 0 && current[^1].All(char.IsDigit) && IsModelSize(word)));
            // "GPT-4 P versus NP": a short capital before "versus" heads the other side of a comparison, not the name before it.
            var continues = current.Count > 0 && joined && word.Length <= 2 && word.All(c => char.IsUpper(c) || char.IsDigit(c))
                && !Versus().IsMatch(question, match.Index + match.Length);
            var name = IsName(question, match) && !Tokenizer.IsStopWord(word.ToLowerInvariant());
            if (!(name || continues) || !joined)
            {
                Close();
            }
            if (name || continues)
            {
                current.Add(word.ToLowerInvariant());
            }
            end = match.Index + match.Length;
        }
        Close();
        return phrases;
    }

    /// <summary>
    /// Hyphenated method and model names ("DP-SGD", "LoRA-FA", "Self-RAG", "Q-learning"), lower-cased, as phrases of their
    /// parts: a run of hyphen-joined parts of which one is written as a strong name (two capitals or more, an inner capital,
    /// letters with digits) and each other one as a name too (a capital or a digit), or a single capital letter before a
    /// lower-case word ("Q-learning", "K-means"). A model's size and what follows it are left out ("Llama-2-7B-Chat" is
    /// "llama 2", "QwQ-32B-Preview" no name of several words); a likeness ("PCGrad-like", "YOLO-style") and a compound with an ordinary word ("MCTS-collected",
    /// "AI-made") are no such name. <see cref="Phrases"/> misses those whose first part is short ("DP", "Q").
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> HyphenatedNames(string question)
    {
        var names = new List<IReadOnlyList<string>>();
        foreach (Match match in HyphenatedWord().Matches(question ?? ""))
        {
            var parts = match.Value.Split('-').ToList();
            if (LikenessSuffix.Contains(parts[^1].ToLowerInvariant()))
            {
                continue;
            }
            // "QwQ-32B-Preview", "Llama-2-7B-Chat": what follows the size names a variant of the model before it.
            parts = parts.TakeWhile(p => !IsModelSize(p)).ToList();
            while (parts.Count > 0 && IsVariantSuffix(parts[^1]))
            {
                parts.RemoveAt(parts.Count - 1);
            }
            if (parts.Count < 2)
            {
                continue;
            }
            var strong = parts.Any(p => p.Count(char.IsUpper) >= 2 || (p.Skip(1).Any(char.IsUpper) && p.Any(char.IsLower))
                || (p.Any(char.IsLetter) && p.Any(char.IsDigit)));
            var allNamed = parts.All(p => p.Any(char.IsUpper) || p.Any(char.IsDigit));
            var letterName = parts.Count == 2 && parts[0].Length == 1 && char.IsUpper(parts[0][0]) && parts[0] is not ("A" or "I")
                && parts[1].Length >= 3 && parts[1].All(char.IsLower);
            if ((strong && allNamed) || letterName)
            {
                names.Add(parts.Select(p => p.ToLowerInvariant()).ToList());
            }
        }
        return names;
    }

    private static readonly HashSet<string> LikenessSuffix = new(StringComparer.Ordinal) { "like", "style", "esque", "ish", "inspired", "type", "based" };

    [GeneratedRegex(@"(?<![\p{L}\p{N}\-])[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+(?![\p{L}\p{N}]|-[\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex HyphenatedWord();

    /// <summary>
    /// The words in the places where a question names what it is about: "how does X …", "what is X", "what's the N of
    /// X", "X's …", "which paper introduced X", "explain X", "tell me about X", "compare X and Y", "X vs Y", "is X …".
    /// Stop words are skipped; the rest (mostly the corpus's own words) is for the caller to look up.
    /// </summary>
    public static IReadOnlyList<QuestionSubject> Subjects(string question)
    {
        var subjects = new List<QuestionSubject>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // Read once: per subject they made a question of many subjects quadratic.
        var words = Word().Matches(question);
        var titleCase = TitleCase(question);
        foreach (var pattern in SubjectPatterns)
        {
            foreach (Match match in pattern.Matches(question))
            {
                var group = match.Groups["x"];
                var written = group.Value;
                if (!written.Any(char.IsLetter) || Tokenizer.IsStopWord(written.ToLowerInvariant()) || !seen.Add(written))
                {
                    continue;
                }
                // Spelled as a name in any of its parts ("ColBERT-v2"), judged where it stands in the question.
                var parts = words.Where(m => m.Index >= group.Index && m.Index < group.Index + group.Length);
                // In a Title-Case question a capital marks no name; an inner capital, digits or an acronym still do.
                var asName = parts.Any(part => IsName(question, part) && !(titleCase && PlainCapitalised(part.Value)));
                subjects.Add(new QuestionSubject(written, asName) { Bare = !Determiner().IsMatch(question[..group.Index]) });
            }
        }
        return subjects;
    }

    [GeneratedRegex(@"\G\s+(?:vs\.?|versus)\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Versus();

    // "the new chore's changes": a word between the determiner and the noun (an adjective) leaves the noun with its article.
    [GeneratedRegex(@"\b(?:the|a|an|this|that|these|those|my|your|our|their|its|his|her|each|every|any|some|no|one|such)\s+(?:\p{Ll}[\p{Ll}\-]*\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Determiner();

    // A name: letters and digits, with inner hyphens or dots ("wav2vec", "Math-Shepherd", "GPT-4o").
    private const string SubjectWord = @"(?<x>[\p{L}\p{N}]+(?:[-.][\p{L}\p{N}]+)*)";
    private const string Article = @"(?:(?:the|a|an)\s+)?";

    // Where a word starts. A pattern opening with the subject word tried it from every letter of a word, each try reading
    // to the word's end: one 6,000-letter word took seconds. A match from inside a word never differs from the one from
    // its start, which is tried first.
    private const string WordStart = @"(?<![\p{L}\p{N}])";

    private static readonly Regex[] SubjectPatterns =
    [
        // "how does X work", "why is X …", "how is X trained"
        new($@"\b(?:how|why)\s+(?:does|do|did|is|are|was|were|can|could|would|will|should)\s+{Article}{SubjectWord}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
        // "what is X", "what's X", "what does X do", "who made X"
        new($@"\b(?:what|who|which)(?:\s+(?:is|are|was|were|does|do|did|made|built|created|wrote)|['’]s)\s+{Article}{SubjectWord}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
        // "what is the architecture of X", "what's the idea behind X"
        new($@"\b(?:what|who|which)(?:\s+(?:is|are|was|were)|['’]s)\s+{Article}[\p{{L}}-]+\s+(?:of|behind)\s+{Article}{SubjectWord}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
        // "X's architecture"; not "what's", "it's", "let's" (stop words, skipped above)
        new($@"{WordStart}{SubjectWord}['’]s\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
        // "which paper introduced X", "explain X", "tell me about X", "summarize X"
        new($@"\b(?:introduc\w*|propos\w*|present\w*|describ\w*|explain\w*|summari[sz]e\w*|tell\s+me\s+(?:more\s+)?about|know\s+about)\s+{Article}{SubjectWord}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
        // "compare X and Y", "X vs Y": both are subjects
        new($@"\bcompar\w*\s+{Article}{SubjectWord}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
        new($@"\bcompar\w*\s+{Article}[\p{{L}}\p{{N}}.-]+\s+(?:and|with|to|against)\s+{Article}{SubjectWord}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
        new($@"{WordStart}{SubjectWord}\s+(?:vs\.?|versus)\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
        new($@"\s(?:vs\.?|versus)\s+{Article}{SubjectWord}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
        // "is X better than …", "does X use …", at the start
        new($@"^\s*(?:is|are|does|do|did|can)\s+{Article}{SubjectWord}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
    ];

    /// <summary>"How Does Speculative Decoding Work?": capitals on most plain words (names with inner capitals or digits
    /// left out) mark no name.</summary>
    private static bool TitleCase(string question)
    {
        var words = Word().Matches(question).Select(m => m.Value)
            .Where(w => w.Length >= 4 && w.All(char.IsLetter) && (PlainCapitalised(w) || w.All(char.IsLower))).ToList();
        return words.Count >= 3 && words.Count(PlainCapitalised) >= 0.6 * words.Count;
    }

    private static bool PlainCapitalised(string word) => char.IsUpper(word[0]) && word.Skip(1).All(char.IsLower);

    /// <summary>A model's size ("16B", "70b", "8x7B", "350M"; "1.5B" is read as "1" and "5B"): it says which variant of a
    /// model is meant, and is no name of its own ("DeepSeekMoE 16B" is DeepSeekMoE).</summary>
    public static bool IsModelSize(string word) => ModelSize().IsMatch(word);

    /// <summary>A variant's suffix after a model's name and size ("-Instruct", "-Chat", "-Base"): it names no other thing.</summary>
    /// <summary>"DROP F1", "HumanEval pass@1", "WMT BLEU": a metric written after a benchmark's name says what is measured
    /// on it; the name is the rest.</summary>
    public static bool IsMetricSuffix(string word) => word.ToLowerInvariant() is "f1" or "em" or "bleu" or "rouge" or "accuracy"
        or "acc" or "pass" or "auc" or "mrr" or "ndcg" or "wer" or "perplexity" or "ppl" or "score" or "scores";

    public static bool IsVariantSuffix(string word) => word.ToLowerInvariant() is "instruct" or "chat" or "base" or "hf";

    [GeneratedRegex(@"^(?:\d+x)?\d+(?:\.\d+)?[bmkt]$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ModelSize();

    private static bool IsName(string question, Match match)
    {
        var word = match.Value;
        if (word.Length < 3 || !word.Any(char.IsLetter) || IsModelSize(word))
        {
            return false;
        }
        var innerCapital = word.Skip(1).Any(char.IsUpper) && word.Any(char.IsLower);
        // GPT4, Qwen2; not quantities such as 12k or 7B.
        var withDigits = char.IsLetter(word[0]) && word.Any(char.IsDigit) && word.Count(char.IsLetter) >= 2;
        var acronym = word.Length >= 3 && word.All(c => char.IsUpper(c) || char.IsDigit(c));
        var capitalised = word.Length >= 4 && char.IsUpper(word[0]) && word.Skip(1).All(c => char.IsLower(c)) && !OpensSentence(question, match.Index);
        return innerCapital || withDigits || acronym || capitalised;
    }

    private static bool OpensSentence(string text, int index)
    {
        // Read back from the word, not a copy of the text before it: a copy per word made a long question quadratic.
        var before = text.AsSpan(0, index).TrimEnd([' ', '"', '\'', '(', '*', '“', '‘']);
        return before.Length == 0 || before[^1] is '.' or '?' or '!' or ':' or ';' or '\n' or '#';
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
