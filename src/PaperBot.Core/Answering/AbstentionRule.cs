using Microsoft.Extensions.Options;
using PaperBot.Core.Retrieval;

namespace PaperBot.Core.Answering;

/// <summary>
/// Decides whether the corpus can answer a (content) question, from the embedding similarity of the closest passage
/// together with the lexical match. Metadata questions never come here: they are routed first, and score low on
/// similarity by nature.
/// <list type="bullet">
/// <item>Without a complete dense ranking (no model, a model that failed, vectors still being computed) the keyword rule
/// alone decides: the best paper covers enough of the question's words, or enough rare ones. The failure is logged.</item>
/// <item>With one: a question naming something no paper mentions (AlphaFold, Mamba) is declined unless a passage is
/// very close; otherwise a close passage answers, and a middling one answers only when the keywords agree. Below the
/// floor nothing answers, whatever words it shares ("capital" in "capitalizes").</item>
/// </list>
/// Thresholds suit the packaged MiniLM model (cosine); they were chosen with <c>paperbot eval</c> (docs/retrieval.md).
/// </summary>
public sealed class AbstentionRule(IOptions<AnsweringOptions> options)
{
    public AbstentionDecision Decide(SearchResult result)
    {
        var o = options.Value;
        if (result.Hits.Count == 0)
        {
            return AbstentionDecision.Decline("no paper matched");
        }
        var best = result.Hits[0];
        var lexical = best.Coverage >= o.MinCoverage || best.MatchedWeight >= o.MinMatchedWeight;
        if (result.BestSimilarity is not { } similarity || !result.DenseComplete)
        {
            return lexical ? AbstentionDecision.Answerable("keywords") : AbstentionDecision.Decline("keywords cover too little");
        }
        if (result.UnknownNames.Count > 0 && similarity < o.UnknownNameMinSimilarity)
        {
            return AbstentionDecision.Decline("names no paper uses: " + string.Join(", ", result.UnknownNames), result.UnknownNames);
        }
        if (similarity >= o.MinEmbeddingSimilarity)
        {
            return AbstentionDecision.Answerable("close passage");
        }
        if (similarity >= o.EmbeddingSimilarityFloor && lexical)
        {
            return AbstentionDecision.Answerable("passage and keywords");
        }
        return AbstentionDecision.Decline(similarity < o.EmbeddingSimilarityFloor ? "no passage is close" : "passage only middling and keywords cover too little");
    }
}
