namespace PaperBot.Core.Ingest;

/// <summary>
/// Splits card lines where the title runs straight into the author list, e.g.
/// "…as Meta-OptimizersDamai Dai, Yutao Sun, Li Dong et al. · microsoft-research, tsinghua".
/// The author list is read from the right, name by name, until the segment where the first author's
/// given name is glued to the last title word.
/// </summary>
public static class TitleAuthorSplitter
{
    private const string EtAl = " et al.";
    private const string OrgSeparator = " · ";

    public sealed record Split(string Title, IReadOnlyList<string> Authors, bool AuthorsComplete, IReadOnlyList<string> Orgs);

    /// <summary>Whether a line carries a mark only an author list has: " · " before organisations, or a closing "et al.".</summary>
    public static bool HasAuthorMarker(string line) =>
        line.Contains(OrgSeparator, StringComparison.Ordinal) || line.EndsWith(EtAl, StringComparison.Ordinal);

    public static Split? TrySplit(string line)
    {
        var text = line.Trim();
        IReadOnlyList<string> orgs = [];
        var hasOrgs = false;
        var orgAt = text.LastIndexOf(OrgSeparator, StringComparison.Ordinal);
        if (orgAt > 0)
        {
            orgs = text[(orgAt + OrgSeparator.Length)..]
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            text = text[..orgAt].TrimEnd();
            hasOrgs = orgs.Count > 0;
        }

        var complete = true;
        if (text.EndsWith(EtAl, StringComparison.Ordinal))
        {
            complete = false;
            text = text[..^EtAl.Length].TrimEnd();
        }

        var segments = text.Split(", ");
        var tailNames = new List<string>();
        var i = segments.Length - 1;
        while (i > 0 && LooksLikeName(segments[i]))
        {
            tailNames.Insert(0, segments[i].Trim());
            i--;
        }
        var glued = string.Join(", ", segments[..(i + 1)]);
        var cut = FindFirstAuthorStart(glued);
        if (cut is null)
        {
            return null;
        }
        // Without an org list or "et al." the line must at least end in a list of names to count as a card line.
        if (!hasOrgs && complete && tailNames.Count == 0)
        {
            return null;
        }
        var title = glued[..cut.Value].TrimEnd();
        var firstAuthor = glued[cut.Value..].Trim();
        if (title.Length < 3 || !LooksLikeName(firstAuthor))
        {
            return null;
        }
        var authors = new List<string> { firstAuthor };
        authors.AddRange(tailNames);
        return new Split(title, authors, complete, orgs);
    }

    /// <summary>A person's name: two to four words, the first capitalised, letters with hyphens, apostrophes or dots.</summary>
    internal static bool LooksLikeName(string segment)
    {
        var words = segment.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 2 or > 4 || !char.IsUpper(words[0][0]))
        {
            return false;
        }
        foreach (var word in words)
        {
            foreach (var c in word)
            {
                if (!char.IsLetter(c) && c is not '-' and not '\'' and not '.')
                {
                    return false;
                }
            }
            if (word.Length > 20)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// The index where the first author's name begins: a capital letter glued to the preceding title word
    /// ("OptimizersDamai", "NPQingxiu", "Images?Yixin"). Among the last words, the rightmost glue point that
    /// still leaves a name of at least two words wins, so a surname like "McDonald" is not split.
    /// </summary>
    internal static int? FindFirstAuthorStart(string glued)
    {
        int? best = null;
        var wordsSeen = 0;
        for (var i = glued.Length - 1; i > 0 && wordsSeen <= 4; i--)
        {
            if (glued[i] == ' ')
            {
                wordsSeen++;
                continue;
            }
            if (!IsGluePoint(glued, i))
            {
                continue;
            }
            var candidate = glued[i..];
            if (candidate.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 2 && LooksLikeName(candidate))
            {
                best = i;
                break;
            }
        }
        return best;
    }

    private static bool IsGluePoint(string s, int i)
    {
        if (!char.IsUpper(s[i]))
        {
            return false;
        }
        var prev = s[i - 1];
        if (char.IsLower(prev) || prev is '?' or '!' or ')' or ']' or '.' or '"' or '\'' || char.IsDigit(prev))
        {
            return true;
        }
        // "NPQingxiu": an acronym followed by a capitalised given name.
        return char.IsUpper(prev) && i + 1 < s.Length && char.IsLower(s[i + 1]);
    }
}
