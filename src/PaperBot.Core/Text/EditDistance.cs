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
}
