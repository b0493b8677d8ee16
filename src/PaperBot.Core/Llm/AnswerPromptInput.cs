using Microsoft.SemanticKernel;
using PaperBot.Core.Papers;

namespace PaperBot.Core.Llm;

/// <summary>What the <c>answer</c> prompt is given: the question and the numbered evidence.</summary>
public sealed record AnswerPromptInput(string Question, IReadOnlyList<Paper> Evidence)
{
    public KernelArguments ToArguments() => new()
    {
        ["evidence"] = PromptData.Papers(Evidence),
        ["question"] = PromptData.Neutralize(Question),
    };
}
