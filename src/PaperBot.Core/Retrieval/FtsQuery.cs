using PaperBot.Core.Text;

namespace PaperBot.Core.Retrieval;

/// <summary>
/// Turns what a person typed into a safe FTS5 MATCH expression. Only letters and digits survive tokenising and
/// every term is quoted, so FTS5 syntax in user text (quotes, *, ^, NEAR, -, :, parentheses) is plain text.
/// </summary>
public sealed record FtsQuery(string MatchExpression, IReadOnlyList<string> Terms)
{
    public const int MaxTerms = 32;

    /// <summary>Null when the text has no searchable words (empty, only punctuation, only stop words and symbols).</summary>
    public static FtsQuery? Build(string? userText)
    {
        if (string.IsNullOrWhiteSpace(userText))
        {
            return null;
        }
        var terms = Tokenizer.ContentWords(userText);
        if (terms.Count == 0)
        {
            terms = Tokenizer.Words(userText).Distinct(StringComparer.Ordinal).ToList();
        }
        if (terms.Count == 0)
        {
            return null;
        }
        terms = terms.Take(MaxTerms).ToList();
        return new FtsQuery(string.Join(" OR ", terms.Select(Quote)), terms);
    }

    /// <summary>An FTS5 string literal: wrapped in double quotes, inner quotes doubled.</summary>
    public static string Quote(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
