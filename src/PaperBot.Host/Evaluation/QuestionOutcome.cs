namespace PaperBot.Host.Evaluation;

/// <summary>How one system did on one question. Ranking figures are null for questions without gold papers.</summary>
public sealed record QuestionOutcome
{
    public required string Id { get; init; }
    public required string Kind { get; init; }
    public bool Mismatch { get; init; }
    public required string Question { get; init; }
    public bool ExpectsAbstention { get; init; }
    public IReadOnlyList<string> GoldIds { get; init; } = [];
    public IReadOnlyList<string> Top5 { get; init; } = [];
    public double? HitAt1 { get; init; }
    public double? HitAt5 { get; init; }
    public double? RecallAt5 { get; init; }
    public double? ReciprocalRank { get; init; }
    /// <summary>True when the returned papers are exactly the gold set (metadata questions).</summary>
    public bool? Exact { get; init; }
    public bool Abstained { get; init; }
    public int FactsTotal { get; init; }
    public int FactsFound { get; init; }
    public IReadOnlyList<string> MissingFacts { get; init; } = [];
    public bool? CitationsValid { get; init; }
    public double LatencyMs { get; init; }
    /// <summary>Coverage of the best content hit; null for metadata answers and ranking-only peers.</summary>
    public double? TopCoverage { get; init; }
    public double? TopMatchedWeight { get; init; }
    /// <summary>Cosine of the passage closest to the question (with embeddings), and the abstention rule's reason.</summary>
    public double? TopSimilarity { get; init; }
    public double? SimilarityMargin { get; init; }
    /// <summary>The IDF-weighted share of the question's words that no paper uses (an abstention signal).</summary>
    public double? UnfamiliarShare { get; init; }
    public string? AbstentionReason { get; init; }
    /// <summary>The best hit's place in the keyword and dense rankings before fusion.</summary>
    public int? TopKeywordRank { get; init; }
    public int? TopDenseRank { get; init; }
    /// <summary>Where each gold paper stands (1-based, null when not read) in each ranking before fusion and after it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<int?>>? GoldRanks { get; init; }
    /// <summary>With <c>eval --trace</c>: each ranking before fusion and the fused order as "id score", best first (as deep
    /// as each was read, 100 by default), and the signals that set the weights.</summary>
    public FusionTraceOutput? Trace { get; init; }
    /// <summary>True when the answer contains every expected fact; null when the question lists none.</summary>
    public bool? AllFacts { get; init; }
    /// <summary>True when every cited sentence is supported by the papers it cites; null when nothing is cited.</summary>
    public bool? CitationsSupported { get; init; }
    public bool? Redundant { get; init; }
    public int DanglingOpeners { get; init; }
    public int MarkupLeaks { get; init; }
    /// <summary>The shape the question asks for (authors, date, compare, origin, figure, several), or null.</summary>
    public string? AskedShape { get; init; }
    public bool? KindCompliant { get; init; }
    /// <summary>The answer as shown (sentences with [n] marks), for reading answers and the HTML report.</summary>
    public string? AnswerText { get; init; }
    /// <summary>The answer's note as shown in the reply's footer; facts are looked for in it and the answer text.</summary>
    public string? Note { get; init; }
    /// <summary>The sources the answer cites, "[n] id — title".</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
}

/// <summary>The JSON form of <see cref="FusionOutcome"/> (<c>eval --json --trace</c>).</summary>
public sealed record FusionTraceOutput(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Rankings,
    double LexicalCoverage,
    double BridgedShare,
    bool Topic,
    string? DecisiveKeyword)
{
    /// <summary>The question's unit embedding, to replay dense-side ideas offline from the stored passage vectors.</summary>
    public IReadOnlyList<float>? QueryVector { get; init; }

    /// <summary>The mean over every paper of its closest passage's cosine with the question (an abstention signal).</summary>
    public double? MeanSimilarity { get; init; }

    public static FusionTraceOutput Of(FusionOutcome fusion) => new(
        fusion.Rankings.ToDictionary(r => r.Key, r => (IReadOnlyList<string>)r.Value
            .Select(h => h.Id + " " + h.Score.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)).ToList()),
        fusion.LexicalCoverage, fusion.BridgedShare, fusion.Topic, fusion.DecisiveKeyword)
    {
        QueryVector = fusion.QueryVector,
        MeanSimilarity = fusion.MeanSimilarity is { } mean ? Math.Round(mean, 4) : null,
    };
}
