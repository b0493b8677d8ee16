namespace PaperBot.Host.Evaluation;

/// <summary>At one coverage threshold: the share of out-of-corpus questions abstained on, and of answerable ones wrongly abstained on.</summary>
public sealed record ThresholdFigures(double Threshold, double CorrectAbstention, double WrongAbstention);
