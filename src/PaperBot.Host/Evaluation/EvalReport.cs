namespace PaperBot.Host.Evaluation;

/// <summary>One system's figures on a question file: per kind, the vocabulary-mismatch slice, overall, and every question.</summary>
public sealed record EvalReport
{
    public required string System { get; init; }
    public required string File { get; init; }
    public int Papers { get; init; }
    public required IReadOnlyList<KindFigures> Kinds { get; init; }
    /// <summary>Questions marked as paraphrases in words their gold paper does not use; null when none are marked.</summary>
    public KindFigures? VocabularyMismatch { get; init; }
    public required KindFigures Overall { get; init; }
    /// <summary>Correct and wrong abstention at each coverage threshold, for choosing Answering:MinCoverage.</summary>
    public IReadOnlyList<ThresholdFigures> AbstentionSweep { get; init; } = [];
    public required IReadOnlyList<QuestionOutcome> Questions { get; init; }
}
