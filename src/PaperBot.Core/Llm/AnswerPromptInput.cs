using Microsoft.SemanticKernel;
using PaperBot.Core.Papers;

namespace PaperBot.Core.Llm;

/// <summary>
/// What the <c>answer</c> and <c>answer_with_tools</c> prompts are given: the question, the kind of question the rules
/// read (<see cref="Answering.Composition.ContentKind"/> in lower case, or <c>follow-up</c>) and the numbered evidence.
/// </summary>
public sealed record AnswerPromptInput(string Question, IReadOnlyList<Paper> Evidence, string Kind = "general")
{
    public KernelArguments ToArguments() => new()
    {
        ["evidence"] = PromptData.Papers(Evidence),
        ["kind"] = PromptData.Neutralize(Kind),
        ["question"] = PromptData.Neutralize(Question),
    };
}
