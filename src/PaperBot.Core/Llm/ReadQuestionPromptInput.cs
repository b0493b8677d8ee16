using Microsoft.SemanticKernel;

namespace PaperBot.Core.Llm;

/// <summary>What the <c>read_question</c> prompt is given: the question alone.</summary>
public sealed record ReadQuestionPromptInput(string Question)
{
    public KernelArguments ToArguments() => new()
    {
        ["question"] = PromptData.Neutralize(Question),
    };
}
