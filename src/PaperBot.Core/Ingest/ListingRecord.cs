using PaperBot.Core.Papers;

namespace PaperBot.Core.Ingest;

/// <summary>What one listing says about one paper, before records from several listings are merged.</summary>
public sealed record ListingRecord
{
    public string? Title { get; init; }
    public string Abstract { get; init; } = "";
    public IReadOnlyList<string> Authors { get; init; } = [];
    public bool? AuthorsComplete { get; init; }
    public IReadOnlyList<string> Orgs { get; init; } = [];
    public PaperDate? Date { get; init; }
    public int? Upvotes { get; init; }
    public int? AuthorCount { get; init; }
    public string? Category { get; init; }
    public double? Score { get; init; }
    /// <summary>True/false where the listing marks code availability; null where it says nothing.</summary>
    public bool? HasCode { get; init; }
    public IReadOnlyList<string> Links { get; init; } = [];
    public required string File { get; init; }
    /// <summary>1-based line of the record's first line (its card header, title or abstract).</summary>
    public required int Line { get; init; }
}
