using System.Runtime.CompilerServices;
using PaperBot.Core.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperBot.Core.Answering;
using PaperBot.Core.Answering.Composition;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Storage;
using PaperBot.Core.Papers;
using PaperBot.Core.Text;

namespace PaperBot.Core.Llm;

/// <summary>
/// Answers through the language model, grounded in retrieved evidence and checked before anything is shown.
/// Metadata questions, questions with no relevant evidence, and every model failure (timeout, error, open circuit,
/// garbage, no valid citation) get the extractive answer instead, with a one-line note, within the timeout.
/// </summary>
public sealed class LlmAnswerService(
    ExtractiveAnswerer extractive,
    EvidenceFinder evidenceFinder,
    MetadataAnswerer metadataAnswerer,
    PaperFocusedAnswerer focused,
    QuestionClassifier classifier,
    LlmQuestionReader reader,
    PaperStore store,
    PromptRunner runner,
    PromptLibrary prompts,
    IOptions<LlmOptions> options,
    TimeProvider time,
    ILogger<LlmAnswerService> logger) : IAnswerService
{
    public const string Mode = "llm";

    // More papers than this dilute the prompt without helping a short answer.
    private const int MaxEvidence = 8;

    public Task<Answer> AnswerAsync(string question, CancellationToken cancellationToken = default) =>
        AnswerAsync(new AnswerRequest(question), cancellationToken);

    public async Task<Answer> AnswerAsync(AnswerRequest request, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        // The budget starts now, not at the HTTP call, so retrieval and a cold start count against it too.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(options.Value.TimeoutSeconds), time);
        var question = QuestionText.Bounded(request.Question);
        if (request.EarlierPapers.Count > 0)
        {
            return await AnswerAsync(request, question, started, deadline, cancellationToken);
        }
        // "summarize the Math-Sheperd paper": a name one slip from exactly one title's is taken as that title's, and
        // the answer says so however it is answered (model, metadata or fallback), as the extractive answer does.
        var (corrected, note) = extractive.PaperNameSlip(question);
        return (await AnswerAsync(request, corrected, started, deadline, cancellationToken)).WithNoteFirst(note);
    }

    private async Task<Answer> AnswerAsync(AnswerRequest request, string question, long started, CancellationTokenSource deadline, CancellationToken cancellationToken)
    {
        var content = ContentQuestionReader.Read(question);
        var toolsOffered = options.Value.MaxToolSteps > 0;
        IReadOnlyList<Paper>? listed = null;
        var searched = 0;
        // Metadata is answered exactly from the database; a model would only be able to get it wrong. The model reads
        // the question into filters (read_question) when it may be about metadata; the rules read it when it cannot.
        if (request.EarlierPapers.Count == 0)
        {
            var intent = classifier.Classify(question);
            // An aggregate the rules read ("who is the most upvoted author?", "which year has the most papers?", "how many
            // papers are there?") is answered as read: the filters have no sum per name, so a model's reading could only
            // narrow it to the most upvoted paper.
            var aggregate = intent is QuestionIntent.TopYears or QuestionIntent.CollectionSize or QuestionIntent.TopNames { ByUpvotes: true } or QuestionIntent.CoAuthorsOf;
            if (!aggregate && LlmQuestionReader.MayBeAboutMetadata(question, intent) && await reader.ReadAsync(question, cancellationToken) is { } read
                && !(read is QuestionIntent.Content && intent is QuestionIntent.MissingPaper or QuestionIntent.MissingNames or QuestionIntent.WhoWorksOn or QuestionIntent.TopNames))
            {
                intent = read;
            }
            if (metadataAnswerer.Answer(question, intent) is { } metadata)
            {
                // "what did Damai Dai's papers on routing find?": the database lists the papers exactly, but the question
                // is about what they say, so the model answers from that list and may look further with the functions.
                if (!(toolsOffered && AsksWhatListedPapersSay(intent, content, metadata)))
                {
                    return Emit(request, metadata.Answer, started);
                }
                listed = metadata.Retrieval.Hits.Select(h => h.Paper).Take(MaxEvidence).ToList();
                searched = metadata.Answer.PapersSearched;
            }
        }
        List<Paper> evidence;
        if (listed is not null)
        {
            evidence = [.. listed];
        }
        else
        {
            // The same evidence, ranking and abstention as the extractive answer, embeddings included.
            var found = await evidenceFinder.FindAsync(question, cancellationToken);
            searched = found.PapersSearched;
            evidence = Evidence(found, request.EarlierPapers);
        }
        if (evidence.Count == 0)
        {
            return Emit(request, (await extractive.RespondAsync(question, cancellationToken)).Answer, started);
        }

        // Multi-step questions (a comparison, a follow-up, the papers of someone on something) may call the corpus functions.
        var tools = toolsOffered && (content.Kind == ContentKind.Compare || request.EarlierPapers.Count > 0 || listed is not null)
            ? new CorpusTools(evidence, evidenceFinder, metadataAnswerer, store)
            : null;
        var prompt = tools is null ? PromptLibrary.Answer : PromptLibrary.AnswerWithTools;
        var kind = content.Kind.ToString().ToLowerInvariant();
        if (request.EarlierPapers.Count > 0)
        {
            kind = "follow-up, " + kind;
        }
        var arguments = new AnswerPromptInput(question, evidence, kind).ToArguments();
        var checker = new ModelReplyChecker(evidence.Count, prompts.SystemText(prompt), options.Value.MaxAnswerCharacters);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        AnswerUsage usage;
        using var call = PaperBotTelemetry.Source.StartActivity("paperbot.llm");
        call?.SetTag("paperbot.llm.evidence", evidence.Count);
        call?.SetTag("paperbot.llm.tools", tools is not null);
        try
        {
            if (tools is not null)
            {
                var completion = await runner.CompleteWithToolsAsync(prompt, arguments, tools, options.Value.MaxToolSteps, linked.Token);
                // Papers the functions returned may be cited too, by the numbers the functions gave them.
                checker = new ModelReplyChecker(tools.Seen.Count, prompts.SystemText(prompt), options.Value.MaxAnswerCharacters);
                foreach (var sentence in checker.Feed(completion.Text))
                {
                    request.OnSentence?.Invoke(sentence);
                }
                evidence = [.. tools.Seen];
                usage = completion.Usage;
                call?.SetTag("paperbot.llm.papers_returned", tools.Returned.Count);
            }
            else if (request.OnSentence is { } onSentence)
            {
                var streamedUsage = new StrongBox<AnswerUsage>(AnswerUsage.None(0));
                await foreach (var chunk in runner.StreamAsync(prompt, arguments, streamedUsage, linked.Token))
                {
                    foreach (var sentence in checker.Feed(chunk))
                    {
                        onSentence(sentence);
                    }
                }
                usage = streamedUsage.Value ?? AnswerUsage.None(0);
            }
            else
            {
                var completion = await runner.CompleteAsync(prompt, arguments, linked.Token);
                checker.Feed(completion.Text);
                usage = completion.Usage;
            }
        }
        catch (ToolUseException e) when (!cancellationToken.IsCancellationRequested)
        {
            call?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, "tool use");
            PaperBotTelemetry.LlmFallbacks.Add(1, new KeyValuePair<string, object?>("reason", "tools"));
            logger.LogWarning("LLM tool use failed ({Problem}); falling back to the extractive answer", e.Problem);
            return await FallbackAsync(request, question, $"The language model's use of the corpus functions failed ({e.Problem}), so this is the extractive answer.", started, null, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var why = LlmHttpResilience.Describe(e, deadline.IsCancellationRequested);
            call?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.GetType().Name);
            PaperBotTelemetry.LlmFallbacks.Add(1, new KeyValuePair<string, object?>("reason", "failed"));
            logger.LogWarning("LLM answer failed ({Error}: {Message}); falling back to the extractive answer", e.GetType().Name, e.Message);
            return await FallbackAsync(request, question, $"The language model {why}, so this is the extractive answer.", started, null, cancellationToken);
        }

        var (reply, last) = checker.Complete();
        foreach (var sentence in last)
        {
            request.OnSentence?.Invoke(sentence);
        }
        if (reply.RemovedCitations > 0)
        {
            logger.LogWarning("Removed {Count} citation(s) to papers the model was not given", reply.RemovedCitations);
        }
        switch (reply.Verdict)
        {
            case ReplyVerdict.NoAnswerInEvidence:
                return Finish(request, started, usage, new Answer
                {
                    Question = question,
                    Sentences = [new AnswerSentence(reply.FullTextNeeded
                        ? "The abstracts of the papers I found do not settle that; it needs the full papers, which the corpus does not hold."
                        : $"The papers I found do not answer that, among the {searched} I searched.", [])],
                    Citations = [],
                    Abstained = true,
                    Mode = Mode,
                    Basis = reply.FullTextNeeded ? AnswerBasis.FullTextNeeded : AnswerBasis.None,
                    PapersSearched = searched,
                }, emit: true);
            case ReplyVerdict.Unusable:
                logger.LogWarning("LLM answer not usable ({Problem}); falling back to the extractive answer", reply.Problem);
                PaperBotTelemetry.LlmFallbacks.Add(1, new KeyValuePair<string, object?>("reason", "unusable"));
                return await FallbackAsync(request, question, $"The language model's answer could not be used ({reply.Problem}), so this is the extractive answer.", started, usage, cancellationToken);
            default:
                return Finish(request, started, usage, new Answer
                {
                    Question = question,
                    Sentences = reply.Sentences,
                    Citations = Citation.Numbered(reply.CitedEvidence.Select(e => evidence[e - 1])),
                    Mode = Mode,
                    Basis = reply.FullTextNeeded ? AnswerBasis.FullTextNeeded : AnswerBasis.Abstracts,
                    PapersSearched = searched,
                }, emit: false);
        }
    }

    /// <summary>A list the database answered exactly, asked about what its papers say (find, propose, how, compare, figures).</summary>
    private static bool AsksWhatListedPapersSay(QuestionIntent intent, ContentQuestion content, ExtractiveResponse metadata) =>
        intent is QuestionIntent.ByAuthor or QuestionIntent.ByOrg or QuestionIntent.ByMetadata
        && !metadata.Answer.Abstained && metadata.Retrieval.Hits.Count > 0
        && content.Kind is ContentKind.Finding or ContentKind.Method or ContentKind.Compare or ContentKind.Figure;

    /// <summary>
    /// Papers a follow-up refers to first, then the retrieved ones, without repeats. The evidence finder already chose how
    /// many papers the question needs (one paper's question, a subject several papers treat, a topic list), as it does for
    /// the extractive answer, so the model is given the same papers, up to <see cref="MaxEvidence"/>.
    /// </summary>
    private static List<Paper> Evidence(AnswerEvidence found, IReadOnlyList<Paper> earlier) =>
        earlier.Concat(found.Papers.Select(h => h.Paper)).DistinctBy(p => p.Id).Take(MaxEvidence).ToList();

    private async Task<Answer> FallbackAsync(AnswerRequest request, string question, string note, long started, AnswerUsage? usage, CancellationToken cancellationToken)
    {
        var answer = request.EarlierPapers.Count > 0 ? focused.Answer(question, request.EarlierPapers) : (await extractive.RespondAsync(question, cancellationToken)).Answer;
        // Sentences already streamed stay on the user's screen; the fallback follows them in full.
        return Finish(request, started, usage, answer with { Note = note }, emit: true);
    }

    private Answer Emit(AnswerRequest request, Answer answer, long started) =>
        Finish(request, started, null, answer, emit: true);

    /// <param name="emit">False when the sentences were already reported while the model streamed them.</param>
    private Answer Finish(AnswerRequest request, long started, AnswerUsage? usage, Answer answer, bool emit)
    {
        if (emit)
        {
            foreach (var sentence in answer.Sentences)
            {
                request.OnSentence?.Invoke(sentence);
            }
        }
        var elapsed = (long)time.GetElapsedTime(started).TotalMilliseconds;
        var total = usage is null ? AnswerUsage.None(elapsed) : usage with { LatencyMs = elapsed };
        logger.LogInformation("Answered in {Mode} mode: {ModelCalls} model call(s), {Tokens} tokens, {LatencyMs} ms",
            answer.Mode, total.ModelCalls, total.TotalTokens, total.LatencyMs);
        return answer with { Usage = total };
    }
}
