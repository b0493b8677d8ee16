namespace PaperBot.Host.Evaluation;

/// <summary>A question file that cannot be evaluated: missing, malformed, or naming papers the database lacks.</summary>
public sealed class EvalFileException(string message) : Exception(message);
