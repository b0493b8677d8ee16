using System.Text;
using Microsoft.SemanticKernel;
using PaperBot.Core.Conversations;

namespace PaperBot.Core.Llm;

/// <summary>What the <c>rewrite_followup</c> prompt is given: earlier turns with their cited papers, and the follow-up.</summary>
public sealed record RewritePromptInput(IReadOnlyList<ConversationTurn> History, string FollowUp)
{
    public KernelArguments ToArguments() => new()
    {
        ["history"] = Format(History),
        ["question"] = PromptData.Neutralize(FollowUp),
    };

    private static string Format(IReadOnlyList<ConversationTurn> history)
    {
        var sb = new StringBuilder();
        foreach (var turn in history)
        {
            sb.Append("User: ").AppendLine(PromptData.Neutralize(turn.Question));
            sb.Append("Assistant: ").AppendLine(PromptData.Neutralize(turn.Answer));
            if (turn.Cited.Count > 0)
            {
                sb.Append("Papers cited: ")
                    .AppendLine(string.Join("; ", turn.Cited.Select((c, i) => $"[{i + 1}] {PromptData.Neutralize(c.Title)}")));
            }
            sb.AppendLine();
        }
        return sb.ToString().TrimEnd();
    }
}
