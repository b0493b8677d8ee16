using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperBot.Core.Conversations;

namespace PaperBot.Core.Llm;

/// <summary>
/// The <c>rewrite_followup</c> prompt: history plus follow-up in, one standalone question out. Anything that is not
/// a plausible one-line question (or any failure) gives null, and the rules' wording is used instead.
/// </summary>
public sealed class LlmFollowUpRewriter(PromptRunner runner, IOptions<LlmOptions> options, TimeProvider time, ILogger<LlmFollowUpRewriter> logger)
    : IFollowUpRewriter
{
    // A standalone question is one sentence; a longer "rewrite" is the model answering or rambling, not rewriting.
    private const int MaxQuestionLength = 400;

    public async Task<FollowUpRewrite?> RewriteAsync(IReadOnlyList<ConversationTurn> history, string followUp, CancellationToken cancellationToken)
    {
        // The rewrite gets a share of the time budget so the answer itself still has time to arrive.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(options.Value.TimeoutSeconds / 2), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var completion = await runner.CompleteAsync(PromptLibrary.RewriteFollowUp, new RewritePromptInput(history, followUp).ToArguments(), linked.Token);
            var line = completion.Text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
            line = line.Trim().Trim('"', '\'', '“', '”', '`').Trim();
            if (line.StartsWith("Standalone question:", StringComparison.OrdinalIgnoreCase))
            {
                line = line["Standalone question:".Length..].Trim();
            }
            if (line.Length == 0 || line.Length > MaxQuestionLength || !line.Any(char.IsLetter)
                || line.Contains(ModelReplyChecker.NoAnswerSentinel, StringComparison.Ordinal))
            {
                logger.LogWarning("Ignored an unusable follow-up rewrite ({Length} characters)", line.Length);
                return null;
            }
            return new FollowUpRewrite(line, completion.Usage);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Follow-up rewrite failed ({Error}: {Message}); using the rules' reading", e.GetType().Name, e.Message);
            return null;
        }
    }
}
