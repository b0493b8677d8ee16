namespace PaperBot.Host.Evaluation;

/// <summary>At one pair of thresholds (a matched weight of 1000 means coverage alone decides): the share of out-of-corpus questions abstained on, and of answerable ones wrongly abstained on.</summary>
public sealed record ThresholdFigures(double MinCoverage, double MinMatchedWeight, double CorrectAbstention, double WrongAbstention);
