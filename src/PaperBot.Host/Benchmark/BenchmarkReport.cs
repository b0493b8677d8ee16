namespace PaperBot.Host.Benchmark;

/// <summary>The figures of one benchmark run over a (synthetic) corpus.</summary>
public sealed record BenchmarkReport
{
    public required string Corpus { get; init; }
    public int Files { get; init; }
    public int Papers { get; init; }
    public double IngestSeconds { get; init; }
    public double PapersPerSecond { get; init; }
    public double DatabaseMegabytes { get; init; }
    public double FirstSearchMs { get; init; }
    /// <summary>The first search of a process while another connection holds the write lock (trains, cannot save).</summary>
    public double FirstSearchUnderWriteLockMs { get; init; }
    public int Queries { get; init; }
    public double SearchMedianMs { get; init; }
    public double SearchP95Ms { get; init; }
    public double AskMedianMs { get; init; }
    public double AskP95Ms { get; init; }
    /// <summary>The three slowest questions of the timed ask pass, slowest first: where a p95 comes from.</summary>
    public IReadOnlyList<TimedQuestion> SlowestAsks { get; init; } = [];
    /// <summary>Seconds to store synthetic vectors for every paper (<c>--synthetic-vectors</c>), and how many passages.</summary>
    public double? VectorSeconds { get; init; }
    public long Passages { get; init; }
    /// <summary>Seconds to embed every paper with the configured model (<c>--embed</c>).</summary>
    public double? EmbedSeconds { get; init; }
    public double? EmbedQuestionP95Ms { get; init; }
    public double? DenseSearchMedianMs { get; init; }
    public double? DenseSearchP95Ms { get; init; }
    public double PeakMemoryMegabytes { get; init; }
    public int ProcessorCount { get; init; }
}

/// <summary>One question and how long it took, in milliseconds.</summary>
public sealed record TimedQuestion(string Question, double Ms);
