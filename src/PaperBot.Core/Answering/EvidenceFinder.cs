using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using PaperBot.Core.Retrieval;

namespace PaperBot.Core.Answering;

/// <summary>
/// The one way to the papers an answer draws on, for the extractive and the LLM answerer alike: the question's focus
/// (without instructions aimed at the bot) is embedded when a model is configured, searched, and the abstention rule
/// applied; of an answerable ranking, the best paper and those that come close to it are the evidence.
/// </summary>
public sealed partial class EvidenceFinder(PaperSearcher searcher, QuestionEmbedder embedder, AbstentionRule abstention, IOptions<AnsweringOptions> options)
{
    // The ranking kept with the evidence (the evaluation scores it, explanations show it); the evidence is taken from
    // its head, so a TopicMaxPapers above this still gives at most this many papers.
    private const int Ranked = 10;

    public async Task<AnswerEvidence> FindAsync(string question, CancellationToken cancellationToken = default)
    {
        var focus = QuestionFocus.Of((question ?? "").Trim());
        var several = AsksForSeveral(focus);
        var result = searcher.Search(focus, Ranked, await embedder.EmbedAsync(focus, cancellationToken), manyPapers: several);
        var decision = abstention.Decide(result);
        var papers = decision.Answer ? Closest(result.Hits, several ? options.Value.TopicMaxPapers : options.Value.MaxPapers) : [];
        return new AnswerEvidence(focus, papers, result.Hits, result.PapersSearched) { Decision = decision, BestSimilarity = result.BestSimilarity, SimilarityMargin = result.SimilarityMargin };
    }

    /// <summary>The best paper and the others that come close to it.</summary>
    private List<SearchHit> Closest(IReadOnlyList<SearchHit> hits, int maxPapers)
    {
        if (hits.Count == 0)
        {
            return [];
        }
        var o = options.Value;
        var best = hits[0].Score;
        return hits
            .Where((h, i) => i == 0 || (h.Score >= best * o.RelativeScoreCut && (h.Coverage >= o.MinCoverage || h.EmbeddingSimilarity >= o.MinEmbeddingSimilarity)))
            .Take(maxPapers)
            .ToList();
    }

    /// <summary>
    /// "any papers on…", "which papers…", "what do we have on…", "everything about…", "an overview of…": the person
    /// wants every clearly relevant paper, not the best one.
    /// </summary>
    internal static bool AsksForSeveral(string question) => SeveralPapers().IsMatch(question);

    [GeneratedRegex(@"\b(papers|any\s+(?:papers?|work)|anything\s+(?:on|about)|what'?s\s+(?:in\s+)?here|which\s+(?:papers|works)"
        + @"|what\s+(?:do|does|did)\s+(?:we|you|the\s+(?:list|corpus|collection))\s+(?:have|got)\s+(?:on|about|for|in)"
        + @"|what(?:'s|\s+is)\s+(?:there|out\s+there|known)\s+(?:on|about|in)"
        + @"|(?:everything|all\s+(?:the\s+)?(?:work|research|studies))\s+(?:on|about|in)"
        + @"|(?:overview|survey|round-?up|roundup)\s+of"
        + @"|(?:show|list|give)\s+me\s+(?:everything|all|the\s+work|work|research)"
        + @"|(?:recent|latest|new|existing|prior)\s+(?:work|research|studies)\s+(?:on|about|into)"
        + @"|(?:research|studies)\s+(?:on|about|into))\b", RegexOptions.IgnoreCase)]
    private static partial Regex SeveralPapers();
}
