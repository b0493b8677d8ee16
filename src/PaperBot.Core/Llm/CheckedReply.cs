using PaperBot.Core.Answering;

namespace PaperBot.Core.Llm;

/// <summary>A model's reply after checking: the sentences that may be shown, renumbered citations, and a verdict.</summary>
public sealed record CheckedReply(
    ReplyVerdict Verdict,
    IReadOnlyList<AnswerSentence> Sentences,
    IReadOnlyList<int> CitedEvidence,
    bool FullTextNeeded,
    int RemovedCitations,
    string? Problem);
