namespace PaperBot.Host.Evaluation;

/// <summary>
/// Whether an answer states a fact the question file expects ("1,024", "Yifan Song", "17%"): the fact's text, any case,
/// not inside a longer word or number. A plain substring test let "9" count as found in "Jul 19, 2024". A date written
/// as question files write it ("2024-12-18") is found as answers write it too ("Dec 18, 2024"): the same date.
/// </summary>
public static class AnswerFacts
{
    public static bool Mentions(string answer, string fact)
    {
        if (string.IsNullOrEmpty(fact))
        {
            return true;
        }
        if (DateOnly.TryParseExact(fact, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            && Written(answer, date.ToString("MMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture)))
        {
            return true;
        }
        return Written(answer, fact);
    }

    private static bool Written(string answer, string fact)
    {
        for (var at = answer.IndexOf(fact, StringComparison.OrdinalIgnoreCase); at >= 0; at = answer.IndexOf(fact, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + fact.Length;
            var clearBefore = !char.IsLetterOrDigit(fact[0]) || at == 0 || !char.IsLetterOrDigit(answer[at - 1]);
            var clearAfter = !char.IsLetterOrDigit(fact[^1]) || end == answer.Length || !char.IsLetterOrDigit(answer[end]);
            // "4.1" is not found in "14.1", nor "7" in "7.5" or "2,048": a digit run continues through a decimal point or comma.
            if (clearBefore && char.IsDigit(fact[0]) && at >= 2 && answer[at - 1] is '.' or ',' && char.IsDigit(answer[at - 2]))
            {
                clearBefore = false;
            }
            if (clearAfter && char.IsDigit(fact[^1]) && end + 1 < answer.Length && answer[end] is '.' or ',' && char.IsDigit(answer[end + 1]))
            {
                clearAfter = false;
            }
            if (clearBefore && clearAfter)
            {
                return true;
            }
        }
        return false;
    }
}
