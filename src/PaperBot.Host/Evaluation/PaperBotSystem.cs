using PaperBot.Core.Answering;
using PaperBot.Core.Storage;

namespace PaperBot.Host.Evaluation;

/// <summary>PaperBot's own retrieval and extractive answers, as the chat channels use them (no language model).
/// With the database, each ranking's order before fusion is reported by paper id (<see cref="SystemResponse.Fusion"/>).</summary>
public sealed class PaperBotSystem(ExtractiveAnswerer answerer, SqliteConnectionFactory? database = null) : IEvaluatedSystem
{
    private Dictionary<long, string>? _ids;

    private Dictionary<long, string> Ids()
    {
        if (_ids is null)
        {
            _ids = [];
            if (database is not null)
            {
                using var connection = database.Open();
                using var cmd = connection.CreateCommand();
                cmd.CommandText = "SELECT seq, id FROM papers";
                using var reader = cmd.ExecuteReader();
                while (reader.Read())
                {
                    _ids[reader.GetInt64(0)] = reader.GetString(1);
                }
            }
        }
        return _ids;
    }

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
            UnfamiliarShare = response.Retrieval.UnfamiliarShare,
            AbstentionReason = response.Retrieval.AbstentionReason,
            TopKeywordRank = response.Retrieval.Exhaustive || response.Retrieval.Hits.Count == 0 ? null : response.Retrieval.Hits[0].KeywordRank,
            TopDenseRank = response.Retrieval.Exhaustive || response.Retrieval.Hits.Count == 0 ? null : response.Retrieval.Hits[0].DenseRank,
            Sentences = answer.Sentences
                .Select(s => (s.Render(), (IReadOnlyList<string>)s.Citations.Select(n => answer.Citations.First(c => c.N == n).Id).ToList()))
                .ToList(),
            Sources = answer.Citations.Select(c => $"[{c.N}] {c.Id} — {c.Title}").ToList(),
            Note = answer.Note,
            Fusion = database is null || response.Retrieval.Fusion is not { } fusion ? null : new FusionOutcome(
                fusion.Rankings.ToDictionary(r => r.Key, r => (IReadOnlyList<(string Id, double Score)>)r.Value.Select(h => (Ids().GetValueOrDefault(h.Seq, ""), h.Score)).ToList()),
                fusion.LexicalCoverage,
                fusion.BridgedShare,
                fusion.Topic,
                fusion.DecisiveKeyword is { } seq ? Ids().GetValueOrDefault(seq) : null)
            {
                QueryVector = fusion.QueryVector,
                MeanSimilarity = fusion.MeanSimilarity,
            },
        };
    }
}
