namespace PaperBot.Host.Evaluation;

/// <summary>What a system returned for one question: paper ids best first, the answer text and the ids it cited.</summary>
public sealed record SystemResponse(
    IReadOnlyList<string> RankedIds,
    bool Abstained,
    string AnswerText,
    IReadOnlyList<string> CitedIds);
