namespace PaperBot.Core.Llm;

/// <summary>What a checked model reply amounts to.</summary>
public enum ReplyVerdict
{
    /// <summary>A grounded answer with at least one valid citation.</summary>
    Answered,
    /// <summary>The model said the evidence does not answer the question.</summary>
    NoAnswerInEvidence,
    /// <summary>Not fit to show (no valid citation, empty, or it repeated its instructions): use the extractive answer.</summary>
    Unusable,
}
