namespace PaperBot.Host.Evaluation;

/// <summary>What a system returned for one question: paper ids best first, the answer text, the ids it cited, and
/// how much of the question the best paper covers (the figure the abstention threshold is set on).</summary>
public sealed record SystemResponse(
    IReadOnlyList<string> RankedIds,
    bool Abstained,
    string AnswerText,
    IReadOnlyList<string> CitedIds,
    double? TopCoverage = null,
    double? TopMatchedWeight = null)
{
    /// <summary>Cosine of the closest passage (with embeddings), and why the system answered or declined.</summary>
    public double? TopSimilarity { get; init; }

    public double? SimilarityMargin { get; init; }
    public double? UnfamiliarShare { get; init; }

    public string? AbstentionReason { get; init; }

    /// <summary>The best hit's place in the keyword and dense rankings before fusion (diagnostics).</summary>
    public int? TopKeywordRank { get; init; }

    public int? TopDenseRank { get; init; }

    /// <summary>What the fusion read and made of it, by paper id (diagnostics; null for peers and metadata answers).</summary>
    public FusionOutcome? Fusion { get; init; }

    /// <summary>The answer's sentences with the ids of the papers each cites (empty for ranking-only peers).</summary>
    public IReadOnlyList<(string Text, IReadOnlyList<string> CitedIds)> Sentences { get; init; } = [];

    /// <summary>"[n] id — title" per cited paper.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>The answer's note, shown to the user in the reply's footer ('Taking "Junqin He" as Junqing He.'); null when none.</summary>
    public string? Note { get; init; }

    /// <summary>
    /// What the bot tells the user in words: its note and the answer prose. Facts are looked for here. Not the sources
    /// list, which names every cited paper's title whether or not the answer says anything about it, and not the basis
    /// line, which is the same for every answer.
    /// </summary>
    public string SaidText => string.IsNullOrEmpty(Note) ? AnswerText : Note + " " + AnswerText;
}

/// <summary><see cref="PaperBot.Core.Retrieval.FusionTrace"/> by paper id: each ranking before fusion and the fused order,
/// best first with their scores, the lexical coverage and bridged share that set the dense weight, whether the question
/// was read as a topic question, and the decisive keyword match (null when none).</summary>
public sealed record FusionOutcome(
    IReadOnlyDictionary<string, IReadOnlyList<(string Id, double Score)>> Rankings,
    double LexicalCoverage,
    double BridgedShare,
    bool Topic,
    string? DecisiveKeyword)
{
    /// <summary>The question's embedding (see <see cref="PaperBot.Core.Retrieval.FusionTrace.QueryVector"/>).</summary>
    public IReadOnlyList<float>? QueryVector { get; init; }

    /// <summary>The mean over every paper of its closest passage's cosine with the question.</summary>
    public double? MeanSimilarity { get; init; }
}
