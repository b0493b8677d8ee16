namespace PaperBot.Host.Evaluation;

/// <summary>The --json output of <c>paperbot eval</c>: one report per system, all on the same questions and papers.</summary>
public sealed record EvalRun(IReadOnlyList<EvalReport> Systems);
