using PaperBot.Core.Answering;

namespace PaperBot.Host.Evaluation;

/// <summary>PaperBot's own retrieval and extractive answers, as the chat channels use them (no language model).</summary>
public sealed class PaperBotSystem(ExtractiveAnswerer answerer) : IEvaluatedSystem
{
    public string Name => "paperbot";

    public bool Answers => true;

    public async Task<SystemResponse> RespondAsync(string question, CancellationToken cancellationToken = default)
    {
        var response = await answerer.RespondAsync(question, cancellationToken);
        var answer = response.Answer;
        return new SystemResponse(
            response.Retrieval.MatchingIds ?? response.Retrieval.Hits.Select(h => h.Paper.Id).ToList(),
            answer.Abstained,
            answer.Text,
            answer.Citations.Select(c => c.Id).ToList(),
            response.Retrieval.Exhaustive ? null : response.Retrieval.Hits.Count > 0 ? response.Retrieval.Hits[0].Coverage : 0,
            response.Retrieval.Exhaustive ? null : response.Retrieval.Hits.Count > 0 ? response.Retrieval.Hits[0].MatchedWeight : 0)
        {
            TopSimilarity = response.Retrieval.BestSimilarity,
            SimilarityMargin = response.Retrieval.SimilarityMargin,
            AbstentionReason = response.Retrieval.AbstentionReason,
            TopKeywordRank = response.Retrieval.Exhaustive || response.Retrieval.Hits.Count == 0 ? null : response.Retrieval.Hits[0].KeywordRank,
            TopDenseRank = response.Retrieval.Exhaustive || response.Retrieval.Hits.Count == 0 ? null : response.Retrieval.Hits[0].DenseRank,
            Sentences = answer.Sentences
                .Select(s => (s.Render(), (IReadOnlyList<string>)s.Citations.Select(n => answer.Citations.First(c => c.N == n).Id).ToList()))
                .ToList(),
            Sources = answer.Citations.Select(c => $"[{c.N}] {c.Id} — {c.Title}").ToList(),
        };
    }
}
