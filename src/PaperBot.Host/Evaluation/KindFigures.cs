namespace PaperBot.Host.Evaluation;

/// <summary>
/// Figures over a group of questions (one kind, a slice, or all). Ranking figures average the questions that have
/// gold papers; <see cref="CorrectAbstention"/> is over questions whose right answer is "nothing found",
/// <see cref="WrongAbstention"/> over the rest; <see cref="FactContainment"/> is the share of answer facts found in
/// the answers. Null means the group has no question the figure applies to, or the system does not answer.
/// </summary>
public sealed record KindFigures
{
    public required string Kind { get; init; }
    public int Questions { get; init; }
    public double? HitAt1 { get; init; }
    public double? HitAt5 { get; init; }
    public double? RecallAt5 { get; init; }
    public double? Mrr { get; init; }
    public double? MetadataExact { get; init; }
    public double? CorrectAbstention { get; init; }
    public double? WrongAbstention { get; init; }
    public double? FactContainment { get; init; }
    public double? CitationValidity { get; init; }
    /// <summary>Share of answers (with expected facts) that contain all of them.</summary>
    public double? AnswersWithAllFacts { get; init; }
    /// <summary>Share of cited sentences whose words are found in the papers they cite.</summary>
    public double? CitationSupport { get; init; }
    /// <summary>Share of answers with two sentences that say nearly the same thing.</summary>
    public double? Redundancy { get; init; }
    /// <summary>Sentences that open with a connective, enumerator or anaphor without what they point back to.</summary>
    public int? DanglingOpeners { get; init; }
    /// <summary>Sentences with LaTeX or markup left in.</summary>
    public int? MarkupLeaks { get; init; }
    /// <summary>Share of answers with the shape their question asks for (see AnswerQuality).</summary>
    public double? KindCompliance { get; init; }
    public double LatencyMedianMs { get; init; }
    public double LatencyP95Ms { get; init; }
}
