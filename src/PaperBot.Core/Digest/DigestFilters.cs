namespace PaperBot.Core.Digest;

/// <summary>
/// Which new papers a subscription wants. Keywords: a paper must mention at least one (whole words, any case) when
/// any are given. MinUpvotes: papers below it are left out, and so are papers whose listing gives no upvote count
/// when it is above zero. MaxItems: the most papers one digest lists.
/// </summary>
public sealed record DigestFilters(IReadOnlyList<string> Keywords, int MinUpvotes, int MaxItems)
{
    public const int MaxItemsLimit = 50;
    public const int MaxKeywords = 20;

    /// <summary>Checks user input; returns the reason it is unusable, or null.</summary>
    public static string? Validate(IReadOnlyList<string> keywords, int minUpvotes, int maxItems)
    {
        if (maxItems is < 1 or > MaxItemsLimit)
        {
            return $"max items must be between 1 and {MaxItemsLimit} (got {maxItems}).";
        }
        if (minUpvotes < 0)
        {
            return $"min upvotes cannot be negative (got {minUpvotes}).";
        }
        if (keywords.Count > MaxKeywords)
        {
            return $"at most {MaxKeywords} keywords (got {keywords.Count}).";
        }
        var tooLong = keywords.FirstOrDefault(k => k.Length > 100);
        return tooLong is null ? null : "each keyword must be under 100 characters.";
    }

    /// <summary>"llm, agents ,,RAG" becomes ["llm", "agents", "RAG"].</summary>
    public static IReadOnlyList<string> ParseKeywords(string? commaSeparated) =>
        (commaSeparated ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public string Describe()
    {
        var parts = new List<string>();
        if (Keywords.Count > 0)
        {
            parts.Add("keywords " + string.Join(", ", Keywords));
        }
        if (MinUpvotes > 0)
        {
            parts.Add($"at least {MinUpvotes} upvotes");
        }
        parts.Add($"at most {MaxItems} papers");
        return string.Join("; ", parts);
    }
}
