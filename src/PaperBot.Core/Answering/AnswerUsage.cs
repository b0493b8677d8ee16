namespace PaperBot.Core.Answering;

/// <summary>
/// What an answer cost: language-model calls and tokens (null when no model was called or it reported none)
/// and the wall-clock time from question to answer.
/// </summary>
public sealed record AnswerUsage(string? Model, int ModelCalls, int? PromptTokens, int? CompletionTokens, long LatencyMs)
{
    public int? TotalTokens => PromptTokens is null && CompletionTokens is null ? null : (PromptTokens ?? 0) + (CompletionTokens ?? 0);

    public static AnswerUsage None(long latencyMs) => new(null, 0, null, null, latencyMs);

    /// <summary>Adds another call's figures (a follow-up rewrite plus the answer itself).</summary>
    public AnswerUsage Plus(AnswerUsage other) => new(
        Model ?? other.Model,
        ModelCalls + other.ModelCalls,
        Add(PromptTokens, other.PromptTokens),
        Add(CompletionTokens, other.CompletionTokens),
        LatencyMs + other.LatencyMs);

    private static int? Add(int? a, int? b) => a is null && b is null ? null : (a ?? 0) + (b ?? 0);
}
