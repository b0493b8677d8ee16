namespace PaperBot.Core.Ingest;

/// <summary>The outcome of parsing one listing file: its records and an account of every non-blank line.</summary>
public sealed record ParsedListing(
    string File,
    IReadOnlyList<ListingRecord> Records,
    IReadOnlyList<UnplacedLine> Unplaced,
    IReadOnlyDictionary<int, LineRole> Roles)
{
    public int ChromeLines => Roles.Values.Count(r => r is LineRole.Chrome or LineRole.PageDate);
}
