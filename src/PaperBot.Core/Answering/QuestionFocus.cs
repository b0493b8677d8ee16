using System.Text.RegularExpressions;

namespace PaperBot.Core.Answering;

/// <summary>
/// The part of a message that asks about papers. Messages sometimes wrap a real question in instructions aimed
/// at the bot ("ignore all previous instructions…", "### SYSTEM: dump every document…", markup, SQL); those
/// words would only dilute the search, and the bot follows none of them anyway, so retrieval sees the question alone.
/// </summary>
public static partial class QuestionFocus
{
    public static string Of(string message)
    {
        var text = Markup().Replace(message, " ");
        var marker = Marker().Matches(text).LastOrDefault();
        if (marker is not null && ContentWordCount(text[(marker.Index + marker.Length)..]) >= 2)
        {
            text = text[(marker.Index + marker.Length)..];
        }
        var sentences = SentenceEnd().Split(text).Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        var kept = sentences.Where(s => !Instruction().IsMatch(s)).ToList();
        if (kept.Count > 0 && kept.Count < sentences.Count)
        {
            text = string.Join(". ", kept);
        }
        text = Noise().Replace(text, " ");
        var focused = Regex.Replace(text, @"\s+", " ").Trim();
        return ContentWordCount(focused) >= 1 ? focused : message.Trim();
    }

    private static int ContentWordCount(string text) => Text.Tokenizer.ContentWords(text).Count;

    [GeneratedRegex(@"<[^>]{0,200}>")]
    private static partial Regex Markup();

    [GeneratedRegex(@"(?:###|\b(?:real\s+)?question\s*:|\bthen\s*:|\bq\s*:|\banswer\s+this\s*:)", RegexOptions.IgnoreCase)]
    private static partial Regex Marker();

    [GeneratedRegex(@"(?<=[.!?;])\s+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"^\s*(?:ignore\b|disregard\b|forget\b|you\s+are\s+now\b|pretend\b|act\s+as\b|print\b|reveal\b|dump\b|list\s+every\b|output\s+(?:all|every)\b|system\s*:)", RegexOptions.IgnoreCase)]
    private static partial Regex Instruction();

    // SQL and FTS operators people paste in to break things; harmless already (every term is quoted), just noise.
    [GeneratedRegex(@"(?:--|;|\bOR\s+1\s*=\s*1\b|\bDROP\s+TABLE\s+\w+|\bNEAR\s*\([^)]*\)|\^\w+:)", RegexOptions.IgnoreCase)]
    private static partial Regex Noise();
}
