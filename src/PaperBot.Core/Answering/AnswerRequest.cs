using PaperBot.Core.Papers;

namespace PaperBot.Core.Answering;

/// <summary>
/// A question with what a conversation adds to it: the papers a follow-up refers to (they come first among the
/// evidence) and a sink for sentences as they are checked, so terminals can show an answer while it is written.
/// </summary>
public sealed record AnswerRequest(string Question)
{
    public IReadOnlyList<Paper> EarlierPapers { get; init; } = [];

    /// <summary>Called once per checked sentence, in order; in LLM mode while the model is still writing.</summary>
    public Action<AnswerSentence>? OnSentence { get; init; }
}
