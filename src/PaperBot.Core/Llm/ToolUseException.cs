namespace PaperBot.Core.Llm;

/// <summary>The model's use of the corpus functions went wrong (an unknown function, arguments that are not JSON,
/// a function that failed, too many rounds); the answer falls back to the extractive one.</summary>
public sealed class ToolUseException(string problem) : Exception(problem)
{
    /// <summary>Finishes "The language model's use of the corpus functions failed (…)".</summary>
    public string Problem { get; } = problem;
}
