namespace PaperBot.Core.Text;

/// <summary>
/// Every spelling one keyboard slip away from a word (a letter dropped, added, changed, or two neighbours swapped), the
/// same slips <see cref="EditDistance.AtMostOne"/> allows, generated so that they can be looked up in the index at once
/// ("mirostatt" → "mirostat", "sheildlm" → "shieldlm"). About 70 spellings per letter of the word.
/// </summary>
public static class OneSlip
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>The longest word whose slips are made. No paper's word comes near it (the corpus's longest is 24 letters),
    /// and a pasted 6,000-letter token gave 430,000 spellings of 6,000 letters each, looked up as that many SQL
    /// parameters (SQLite refused them: "too many SQL variables").</summary>
    public const int MaxLength = 40;

    /// <summary>The spellings one slip from <paramref name="word"/>; none for a word longer than <see cref="MaxLength"/>.</summary>
    public static IEnumerable<string> Variants(string word)
    {
        if (word.Length > MaxLength)
        {
            yield break;
        }
        for (var i = 0; i < word.Length; i++)
        {
            yield return word.Remove(i, 1);
            if (i + 1 < word.Length && word[i] != word[i + 1])
            {
                yield return string.Concat(word.AsSpan(0, i), word.AsSpan(i + 1, 1), word.AsSpan(i, 1), word.AsSpan(i + 2));
            }
            foreach (var c in Alphabet)
            {
                if (c != word[i])
                {
                    yield return string.Concat(word.AsSpan(0, i), new ReadOnlySpan<char>(in c), word.AsSpan(i + 1));
                }
            }
        }
        for (var i = 0; i <= word.Length; i++)
        {
            foreach (var c in Alphabet)
            {
                yield return word.Insert(i, c.ToString());
            }
        }
    }
}
