namespace PaperBot.Core.Papers;

/// <summary>One paper, merged from every listing record that describes it.</summary>
public sealed record Paper
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    /// <summary>True when no listing gave a title and <see cref="Title"/> was derived from the abstract.</summary>
    public bool TitleDerived { get; init; }
    public required string Abstract { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    /// <summary>False when the listing's author list ends in "et al."; null when no authors are known.</summary>
    public bool? AuthorsComplete { get; init; }
    public IReadOnlyList<string> Orgs { get; init; } = [];
    public PaperDate? Date { get; init; }
    public int? Upvotes { get; init; }
    public int? AuthorCount { get; init; }
    public string? Category { get; init; }
    public double? Score { get; init; }
    public bool? HasCode { get; init; }
    public IReadOnlyList<string> Links { get; init; } = [];
    public IReadOnlyList<PaperSource> Sources { get; init; } = [];
    public DateTimeOffset? FirstSeen { get; init; }

    /// <summary>The first link that leads to the paper or its code, for "open" buttons.</summary>
    public string? PrimaryLink => Links.Count > 0 ? Links[0] : null;
}
