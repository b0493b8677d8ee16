using Microsoft.SemanticKernel;
using PaperBot.Core.Papers;

namespace PaperBot.Core.Llm;

/// <summary>What the <c>summarize_paper</c> prompt is given: one paper.</summary>
public sealed record SummarizePaperPromptInput(Paper Paper)
{
    public KernelArguments ToArguments() => new()
    {
        ["paper"] = PromptData.Paper(Paper, 1),
    };
}
