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
    public ExtractiveAnswerer(PaperSearcher searcher, PaperStore store, QuestionClassifier classifier, IOptions<AnsweringOptions> options)
        : this(searcher, store, classifier, options, new MetadataSearcher(store.Database), null)
    {
    }

    private readonly AbstentionRule _abstention = new(options);

    private const int MetadataListLimit = 25;
    // About one rare question word: enough to prefer the sentence with the figure among equally relevant ones.
    private const double FigureBonus = 3.0;

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
        var response = classifier.Classify(focus) switch
        {
            QuestionIntent.ByAuthor a => ListAnswer(focus, $"with {a.Name} as an author", store.PaperIdsByAuthor(a.Name)),
            QuestionIntent.ByOrg o => ListAnswer(focus, $"from {o.Name}", store.PaperIdsByOrg(o.Name)),
            QuestionIntent.ByMetadata m => ListAnswer(focus, m.Query.Describe(), MetadataMatches(m.Query)),
            QuestionIntent.DateOf d => DateAnswer(focus, await EvidenceAsync(d.PaperDescription, cancellationToken)),
            _ => ContentAnswer(focus, await EvidenceAsync(focus, cancellationToken)),
        };
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
            return await embeddings.EmbedQueryAsync(question, cancellationToken);
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

    private static bool AsksForNumber(string question) => NumberQuestion().IsMatch(question);

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(how\s+(?:many|much|large|big|long)|what\s+(?:\w+\s+){0,3}(?:score|rate|accuracy|number|size|percentage|limit|length)|by\s+how\s+much)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex NumberQuestion();

    private ExtractiveResponse ContentAnswer(string question, AnswerEvidence found)
    {
        var evidence = found.Papers;
        var result = found;
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
        var queryWords = Tokenizer.ContentWords(question);
        var weights = searcher.Weights(queryWords);
        var queryStems = queryWords.Select(PorterStemmer.Stem).ToHashSet(StringComparer.Ordinal);

        var sentences = new List<AnswerSentence>();
        var citations = new List<Citation>();
        for (var i = 0; i < evidence.Count; i++)
        {
            var n = i + 1;
            var paper = evidence[i].Paper;
            citations.Add(CitationFor(paper, n));
            var take = i == 0 ? 2 : 1;
            foreach (var sentence in BestSentences(paper.Abstract, queryWords, queryStems, weights, take, AsksForNumber(question)))
            {
                sentences.Add(new AnswerSentence(sentence, [n]));
            }
        }
        var answer = new Answer
        {
            Question = question,
            Sentences = sentences,
            Citations = citations,
            Basis = AnswerBasis.Abstracts,
            PapersSearched = result.PapersSearched,
        };
        return new ExtractiveResponse(answer, retrieval);
    }

    /// <summary>The sentences that carry the most question weight, in their order in the abstract.</summary>
    internal static IReadOnlyList<string> BestSentences(string abstractText, IReadOnlyList<string> queryWords, IReadOnlySet<string> queryStems, TermWeights weights, int take, bool wantsNumber = false)
    {
        var sentences = SentenceSplitter.Split(abstractText);
        if (sentences.Count == 0)
        {
            return [];
        }
        var scored = sentences
            .Select((s, index) =>
            {
                var stems = TermWeights.StemsOf(s);
                var score = queryWords.Where(w => stems.Contains(PorterStemmer.Stem(w))).Sum(weights.Of);
                // Opening sentences usually say what the paper does; a small nudge keeps ties sensible.
                // "How many…?" is answered by a sentence with a figure in it.
                var figure = wantsNumber && s.Any(char.IsDigit) ? FigureBonus : 0;
                return (Sentence: s, Index: index, Score: score + figure + (index == 0 ? 0.01 : 0) - (s.Length > 400 ? 0.5 : 0));
            })
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Index)
            .ToList();
        var chosen = scored.Where(x => x.Score > 0.05).Take(take).ToList();
        if (chosen.Count == 0)
        {
            chosen = [scored.OrderBy(x => x.Index).First()];
        }
        return chosen.OrderBy(x => x.Index).Select(x => x.Sentence).ToList();
    }

    /// <summary>Every paper meeting the conditions; with a topic, only those the topic search finds relevant.</summary>
    private IReadOnlyList<string> MetadataMatches(MetadataQuery query)
    {
        var matches = metadata.Find(query.Topic is null ? query : query with { Limit = null });
        if (query.Topic is null)
        {
            return matches.Select(m => m.Id).ToList();
        }
        var allowed = matches.Select(m => m.Seq).ToHashSet();
        var order = matches.Select((m, i) => (m.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var relevant = searcher.Search(query.Topic, 100, null, allowed.Contains).Hits
            .Where(h => h.Coverage >= options.Value.MinCoverage)
            .Select(h => h.Paper.Id);
        var ids = query.Order == MetadataOrder.Default ? relevant.ToList() : relevant.OrderBy(id => order[id]).ToList();
        return query.Limit is { } limit ? ids.Take(limit).ToList() : ids;
    }

    private ExtractiveResponse ListAnswer(string question, string description, IReadOnlyList<string> ids)
    {
        // Only the papers shown are loaded; the rest are counted and their ids kept for whoever needs the full list.
        var papers = store.GetMany(ids.Take(MetadataListLimit).ToList());
        var total = ids.Count;
        var searched = store.CountPapers();
        var retrieval = new RetrievedPapers(question, papers.Select(p => new SearchHit(p, 1, 1, "")).ToList(), searched, total == 0, Exhaustive: true, description, ids);
        if (total == 0)
        {
            return new ExtractiveResponse(NothingFound(question, searched), retrieval);
        }
        var citations = papers.Select((p, i) => CitationFor(p, i + 1)).ToList();
        var sentences = new List<AnswerSentence>
        {
            new(total == 1 ? $"I found 1 paper {description}:" : $"I found {total} papers {description}:", []),
        };
        sentences.AddRange(papers.Select((p, i) => new AnswerSentence(DescribeForList(p), [i + 1])));
        if (total > papers.Count)
        {
            sentences.Add(new AnswerSentence($"…and {total - papers.Count} more; search to narrow it down.", []));
        }
        var answer = new Answer
        {
            Question = question,
            Sentences = sentences,
            Citations = citations,
            Basis = AnswerBasis.Metadata,
            PapersSearched = searched,
        };
        return new ExtractiveResponse(answer, retrieval);
    }

    private ExtractiveResponse DateAnswer(string question, AnswerEvidence found)
    {
        var result = found;
        var evidence = found.Papers;
        if (found.Abstained)
        {
            return new ExtractiveResponse(NothingFound(question, found.PapersSearched), new RetrievedPapers(question, found.Ranked, found.PapersSearched, true) { AbstentionReason = found.Decision.Reason });
        }
        // The question names one paper; the answer is about that one alone.
        var retrieval = new RetrievedPapers(question, [evidence[0]], result.PapersSearched, false, Exhaustive: true);
        var paper = evidence[0].Paper;
        var sentence = paper.Date is { } date
            ? $"{paper.Title} is listed with the date {date.ToDisplay()}."
            : $"{paper.Title} is in the corpus, but none of its listings gives a date.";
        var answer = new Answer
        {
            Question = question,
            Sentences = [new AnswerSentence(sentence, [1])],
            Citations = [CitationFor(paper, 1)],
            Basis = AnswerBasis.Metadata,
            PapersSearched = result.PapersSearched,
        };
        return new ExtractiveResponse(answer, retrieval);
    }

    private static string DescribeForList(Paper paper) =>
        paper.Date is { } date ? $"{paper.Title} ({date.ToDisplay()})" : paper.Title;

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
