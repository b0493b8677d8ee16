namespace PaperBot.Core.Ingest;

/// <summary>What one ingest run did. Serialised as the JSON output of <c>paperbot ingest --json</c>.</summary>
public sealed record IngestReport
{
    public int Files { get; init; }
    public int Records { get; init; }
    public int Papers { get; init; }
    public int Merged { get; init; }
    public int New { get; init; }
    public int Updated { get; init; }
    public int Unchanged { get; init; }
    public int Removed { get; init; }
    public int ChromeLines { get; init; }
    public IReadOnlyList<UnplacedLine> Unplaced { get; init; } = [];
    public IReadOnlyList<IngestError> Errors { get; init; } = [];
    public IReadOnlyList<IngestConflict> Conflicts { get; init; } = [];
    public double Seconds { get; init; }
}
