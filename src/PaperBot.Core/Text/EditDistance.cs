namespace PaperBot.Core.Text;

/// <summary>Whether two words are one keyboard slip apart: one letter added, dropped, changed, or two neighbours swapped.</summary>
public static class EditDistance
{
    /// <summary>0 when equal, 1 when one slip apart, otherwise <see cref="int.MaxValue"/>.</summary>
    public static int AtMostOne(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 0;
        }
        if (Math.Abs(a.Length - b.Length) > 1)
        {
            return int.MaxValue;
        }
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }
        bool Same(int fromA, int fromB) => a.AsSpan(fromA).SequenceEqual(b.AsSpan(fromB));
        var one = a.Length == b.Length
            ? Same(i + 1, i + 1) || (i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && Same(i + 2, i + 2))
            : a.Length > b.Length ? Same(i + 1, i) : Same(i, i + 1);
        return one ? 1 : int.MaxValue;
    }

    /// <summary>
    /// Slips between two words (letters added, dropped, changed, or neighbours swapped: optimal string alignment),
    /// or <paramref name="max"/> + 1 when there are more than <paramref name="max"/>. Used to offer a stored name
    /// ("did you mean Damai Dai?"), never to replace the written one.
    /// </summary>
    public static int Bounded(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var d = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d = Math.Min(d, previous2[j - 2] + 1);
                }
                current[j] = d;
                rowMin = Math.Min(rowMin, d);
            }
            if (rowMin > max)
            {
                return max + 1;
            }
            (previous2, previous, current) = (previous, current, previous2);
        }
        return Math.Min(previous[b.Length], max + 1);
    }
}
