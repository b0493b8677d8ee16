using PaperBot.Core.Answering;

namespace PaperBot.Core.Presentation;

/// <summary>
/// Two papers side by side, each with its method and result; <paramref name="Shared"/> holds sentences that
/// compare them directly (an abstract measuring itself against the other), shown under both columns.
/// </summary>
public sealed record ComparisonBlock(ComparisonSide Left, ComparisonSide Right, IReadOnlyList<AnswerSentence> Shared) : ReplyBlock
{
    /// <summary>An optional line above the columns ("StableMoE and DeepSeekMoE both route tokens to experts.").</summary>
    public string? Lead { get; init; }
}
