using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperBot.Core.Answering;
using PaperBot.Core.Text;

namespace PaperBot.Core.Conversations;

/// <summary>
/// Answers within a conversation: follow-ups resolve against the papers cited earlier in the same conversation
/// (rules in both modes; the model's rewrite as well when one is configured), metadata follow-ups come from the
/// database, and every turn is remembered within the retention limits.
/// </summary>
public sealed class ConversationalAnswerService(
    IAnswerService answers,
    IConversationStore store,
    FollowUpResolver resolver,
    FollowUpFacts facts,
    IEnumerable<IFollowUpRewriter> rewriters,
    IOptions<ConversationOptions> options,
    TimeProvider time,
    ILogger<ConversationalAnswerService> logger)
{
    private readonly IFollowUpRewriter? _rewriter = rewriters.FirstOrDefault();

    /// <summary>Said when the conversation's history cannot be read or kept, so a puzzling follow-up has its reason.</summary>
    public const string HistoryUnavailable =
        "(The conversation history is out of reach right now, so this was answered on its own and a follow-up to it may not be understood.)";

    /// <param name="conversationId">Channel + thread or user; null or empty answers the question on its own.</param>
    /// <param name="onSentence">Called per sentence as it is ready (streamed in LLM mode).</param>
    public async Task<Answer> AnswerAsync(string question, string? conversationId, Action<AnswerSentence>? onSentence = null,
        CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        question = QuestionText.Bounded(question);
        if (string.IsNullOrWhiteSpace(conversationId))
        {
            var single = await answers.AnswerAsync(new AnswerRequest(question) { OnSentence = onSentence }, cancellationToken);
            return single with { Usage = (single.Usage ?? AnswerUsage.None(0)) with { LatencyMs = (long)time.GetElapsedTime(started).TotalMilliseconds } };
        }
        IReadOnlyList<ConversationTurn> history;
        string? historyProblem = null;
        try
        {
            history = store.Recent(conversationId, options.Value.TurnsForRewrite);
        }
        catch (System.Data.Common.DbException e)
        {
            // Shared history is out of reach (PostgreSQL down): answer the question on its own, and say so.
            logger.LogWarning("Conversation history cannot be read ({Reason}); answering without it", e.Message);
            history = [];
            historyProblem = HistoryUnavailable;
        }
        var resolved = resolver.Resolve(question, history);
        Answer answer;
        AnswerUsage? rewriteUsage = null;
        if (resolved is { AskBack: { } askBack })
        {
            // The reference could not be resolved: ask which paper was meant instead of searching the words.
            answer = new Answer
            {
                Question = question,
                Sentences = [new AnswerSentence(askBack, [])],
                Citations = [],
                Basis = AnswerBasis.None,
                PapersSearched = 0,
            };
            onSentence?.Invoke(answer.Sentences[0]);
        }
        else if (resolved is { Aspect: not FollowUpAspect.Content })
        {
            answer = facts.Answer(resolved);
            foreach (var sentence in answer.Sentences)
            {
                onSentence?.Invoke(sentence);
            }
            answer = answer with { StandaloneQuestion = resolved.StandaloneQuestion };
        }
        else
        {
            var standalone = resolved?.StandaloneQuestion ?? question;
            if (_rewriter is not null && history.Count > 0)
            {
                var rewrite = await _rewriter.RewriteAsync(history, question, cancellationToken);
                if (rewrite is not null)
                {
                    standalone = rewrite.StandaloneQuestion;
                    rewriteUsage = rewrite.Usage;
                }
            }
            answer = await answers.AnswerAsync(
                new AnswerRequest(standalone) { EarlierPapers = resolved?.Papers ?? [], OnSentence = onSentence }, cancellationToken);
            answer = answer with { StandaloneQuestion = standalone == question ? null : standalone };
        }

        var elapsed = (long)time.GetElapsedTime(started).TotalMilliseconds;
        var usage = rewriteUsage is null ? answer.Usage : rewriteUsage.Plus(answer.Usage ?? AnswerUsage.None(0));
        answer = answer with { Question = question, Usage = (usage ?? AnswerUsage.None(0)) with { LatencyMs = elapsed } };
        try
        {
            store.Append(conversationId, question, answer.StandaloneQuestion ?? question, answer.Text,
                answer.Citations.Select(c => new CitedPaper(c.Id, c.Title)).ToList());
        }
        catch (System.Data.Common.DbException e)
        {
            logger.LogWarning("Conversation history cannot be written ({Reason}); the answer is sent without it", e.Message);
            historyProblem = HistoryUnavailable;
        }
        if (historyProblem is not null)
        {
            var apology = new AnswerSentence(historyProblem, []);
            onSentence?.Invoke(apology);
            answer = answer with { Sentences = [.. answer.Sentences, apology] };
        }
        logger.LogDebug("Conversation {Conversation}: \"{Question}\" taken as \"{Standalone}\"", conversationId, question, answer.StandaloneQuestion ?? question);
        return answer;
    }

    /// <summary>
    /// Makes <paramref name="paper"/> what the conversation is about, as if the last answer had cited it alone: the
    /// follow-up rules then read "it", "this paper" and "the first one" as this paper.
    /// </summary>
    public void Focus(string conversationId, Papers.Paper paper)
    {
        var question = $"Tell me about \"{paper.Title}\"";
        store.Append(conversationId, question, question, $"Focus on {paper.Id}: {paper.Title}", [new CitedPaper(paper.Id, paper.Title)]);
        logger.LogDebug("Conversation {Conversation}: focus on {Paper}", conversationId, paper.Id);
    }
}
