using System.Text.RegularExpressions;

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
            var word = match.Value;
            if (word.Length < 3 || !word.Any(char.IsLetter))
            {
                continue;
            }
            var innerCapital = word.Skip(1).Any(char.IsUpper) && word.Any(char.IsLower);
            // GPT4, Qwen2; not quantities such as 12k or 7B.
            var withDigits = char.IsLetter(word[0]) && word.Any(char.IsDigit) && word.Count(char.IsLetter) >= 2;
            var acronym = word.Length >= 3 && word.All(c => char.IsUpper(c) || char.IsDigit(c));
            var capitalised = word.Length >= 4 && char.IsUpper(word[0]) && word.Skip(1).All(c => char.IsLower(c)) && !OpensSentence(question, match.Index);
            if (innerCapital || withDigits || acronym || capitalised)
            {
                names.Add(word.ToLowerInvariant());
            }
        }
        return names.Distinct(StringComparer.Ordinal).ToList();
    }

    private static bool OpensSentence(string text, int index)
    {
        var before = text[..index].TrimEnd(' ', '"', '\'', '(', '*', '“', '‘');
        return before.Length == 0 || before[^1] is '.' or '?' or '!' or ':' or ';' or '\n' or '#';
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
