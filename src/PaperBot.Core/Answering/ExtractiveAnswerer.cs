using Microsoft.Extensions.Options;
using PaperBot.Core.Embeddings;
using PaperBot.Core.Papers;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Storage;
using PaperBot.Core.Text;

namespace PaperBot.Core.Answering;

/// <summary>
/// Answers without a language model: the abstract sentences of the best papers that share the most (rare)
/// words with the question, each cited; metadata questions answered from the database; and a plain
/// "found nothing" when the best paper does not cover the question.
/// </summary>
public sealed partial class ExtractiveAnswerer(
    PaperSearcher searcher,
    PaperStore store,
    QuestionClassifier classifier,
    IOptions<AnsweringOptions> options,
    MetadataSearcher metadata,
    PaperEmbeddingIndex? embeddings)
{
    private readonly AbstentionRule _abstention = new(options);

    private readonly Composition.AnswerComposer _composer = new(searcher, options);

    private readonly MetadataAnswerer _metadata = new(searcher, store, metadata, options);

    /// <summary>The answer for an intent read elsewhere (the language model's reading of the question); null when it is a content question.</summary>
    public ExtractiveResponse? AnswerMetadata(string question, QuestionIntent intent) => _metadata.Answer(question, intent);

    /// <summary>The answer and the retrieval behind it: the ranked papers, whether the bot abstained, and whether the
    /// list is an exhaustive metadata match. Metadata questions are read from the database; the others go through
    /// <see cref="EvidenceAsync"/>, as the LLM answerer's do, so both modes rank and abstain the same way.</summary>
    public async Task<ExtractiveResponse> RespondAsync(string question, CancellationToken cancellationToken = default)
    {
        var text = (question ?? "").Trim();
        if (FtsQuery.Build(text) is null)
        {
            var searched = store.CountPapers();
            var help = new Answer
            {
                Question = text,
                Sentences = [new AnswerSentence("Ask me about the papers, for example: which papers tackle continual relation extraction?", [])],
                Citations = [],
                Abstained = true,
                PapersSearched = searched,
            };
            return new ExtractiveResponse(help, new RetrievedPapers(text, [], searched, Abstained: true));
        }
        var focus = QuestionFocus.Of(text);
        // Metadata intents (lists, facts of a named paper, a named paper that is absent) are answered from the database.
        var response = _metadata.Answer(focus, classifier.Classify(focus)) ?? ContentAnswer(focus, await EvidenceAsync(focus, cancellationToken));
        return response with { Answer = response.Answer with { Question = text } };
    }

    /// <summary>
    /// The one way to the papers an answer draws on, for the extractive and the LLM answerer alike: the question
    /// (its focus, without instructions aimed at the bot) is embedded when an embedding model is configured (papers an
    /// ingest added are embedded first), searched, and the abstention rule applied. If the model fails, keywords and
    /// the corpus vectors still answer.
    /// </summary>
    public async Task<AnswerEvidence> EvidenceAsync(string question, CancellationToken cancellationToken = default)
    {
        var focus = QuestionFocus.Of((question ?? "").Trim());
        var result = searcher.Search(focus, 10, await EmbedAsync(focus, cancellationToken));
        var decision = _abstention.Decide(result);
        var papers = decision.Answer ? EvidenceFrom(result.Hits, AsksForSeveral(focus) ? options.Value.TopicMaxPapers : null) : [];
        return new AnswerEvidence(focus, papers, result.Hits, result.PapersSearched) { Decision = decision, BestSimilarity = result.BestSimilarity, SimilarityMargin = result.SimilarityMargin };
    }

    private async Task<QueryEmbedding?> EmbedAsync(string question, CancellationToken cancellationToken)
    {
        if (embeddings is not { Available: true } || string.IsNullOrWhiteSpace(question))
        {
            return null;
        }
        try
        {
            await embeddings.EnsureEmbeddedAsync(cancellationToken);
            return await embeddings.EmbedQueryAsync(searcher.DenseQueryText(question), cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The embedding service is an extra; whatever it throws (refused, timed out, circuit open, bad body),
            // keywords and the corpus vectors still answer, and the next questions skip it for a while.
            embeddings.ReportFailure(e);
            return null;
        }
    }

    /// <summary>For an answerable question: the best paper and the others that come close to it.</summary>
    private IReadOnlyList<SearchHit> EvidenceFrom(IReadOnlyList<SearchHit> hits, int? maxPapers = null)
    {
        if (hits.Count == 0)
        {
            return [];
        }
        var best = hits[0].Score;
        return hits
            .Where((h, i) => i == 0 || (h.Score >= best * options.Value.RelativeScoreCut && (h.Coverage >= options.Value.MinCoverage || h.EmbeddingSimilarity >= options.Value.MinEmbeddingSimilarity)))
            .Take(maxPapers ?? options.Value.MaxPapers)
            .ToList();
    }

    /// <summary>"any papers on…", "which papers…": the person wants every clearly relevant paper, not the best one.</summary>
    private static bool AsksForSeveral(string question) => SeveralPapers().IsMatch(question);

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(papers|any\s+(?:papers?|work)|anything\s+(?:on|about)|what'?s\s+(?:in\s+)?here|which\s+(?:papers|works))\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex SeveralPapers();

    private ExtractiveResponse ContentAnswer(string question, AnswerEvidence found)
    {
        var evidence = found.Papers;
        var retrieval = new RetrievedPapers(question, found.Ranked, found.PapersSearched, found.Abstained)
        {
            BestSimilarity = found.BestSimilarity,
            SimilarityMargin = found.SimilarityMargin,
            AbstentionReason = found.Decision.Reason,
        };
        if (found.Abstained)
        {
            return new ExtractiveResponse(NothingFound(question, found.PapersSearched), retrieval);
        }
        // The answer takes the shape the question asks for (one line per paper, the named paper's results, a
        // comparison, the method, the figure first); see Composition/AnswerComposer.
        var composed = _composer.Compose(question, Composition.ContentQuestionReader.Read(question), evidence.Select(h => h.Paper).ToList());
        if (composed is null)
        {
            return new ExtractiveResponse(NothingFound(question, found.PapersSearched), retrieval with { Abstained = true });
        }
        var answer = new Answer
        {
            Question = question,
            Sentences = composed.Sentences,
            Citations = composed.Citations,
            Basis = AnswerBasis.Abstracts,
            PapersSearched = found.PapersSearched,
        };
        return new ExtractiveResponse(answer, retrieval);
    }

    public static Citation CitationFor(Paper paper, int n) =>
        new(n, paper.Id, paper.Title, paper.PrimaryLink, paper.Date?.ToDisplay());

    public static Answer NothingFound(string question, int papersSearched) => new()
    {
        Question = question,
        Sentences = [new AnswerSentence($"I found nothing about that in the {papersSearched} papers I searched.", [])],
        Citations = [],
        Abstained = true,
        PapersSearched = papersSearched,
    };
}
