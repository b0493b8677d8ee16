using Microsoft.SemanticKernel;
using PaperBot.Core.Papers;

namespace PaperBot.Core.Llm;

/// <summary>What the <c>summarize_digest</c> prompt is given: what the digest covers and the new papers, numbered.</summary>
public sealed record SummarizeDigestPromptInput(string Period, IReadOnlyList<Paper> Papers)
{
    public KernelArguments ToArguments() => new()
    {
        ["period"] = PromptData.Neutralize(Period),
        ["papers"] = PromptData.Papers(Papers),
    };
}
