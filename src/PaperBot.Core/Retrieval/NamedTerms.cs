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
            var joined = end >= 0 && question[end..match.Index] is " " or "-";
            var continues = current.Count > 0 && joined && word.Length <= 2 && word.All(c => char.IsUpper(c) || char.IsDigit(c));
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

    private static bool IsName(string question, Match match)
    {
        var word = match.Value;
        if (word.Length < 3 || !word.Any(char.IsLetter))
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
        var before = text[..index].TrimEnd(' ', '"', '\'', '(', '*', '“', '‘');
        return before.Length == 0 || before[^1] is '.' or '?' or '!' or ':' or ';' or '\n' or '#';
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
