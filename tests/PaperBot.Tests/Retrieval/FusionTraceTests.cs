using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaperBot.Core.Answering;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Storage;
using PaperBot.Host.Evaluation;

namespace PaperBot.Tests.Retrieval;

/// <summary>
/// The fusion trace that <c>paperbot eval --json</c> reports (where each gold paper stands in every ranking) and
/// <c>--trace</c> writes out (every ranking's scores), on the real corpus with the local model: it must hold enough to
/// replay the fusion offline, or ideas replayed from it measure something other than the searcher.
/// </summary>
public sealed class FusionTraceTests(EvaluatedCorpus corpus) : IClassFixture<EvaluatedCorpus>
{
    [Theory]
    // A paraphrase ranked mostly by the embeddings, one whose keyword match is decisive, and a topic question.
    [InlineData("bots trained together to win a cooperative game start talking gibberish; a fix that keeps resetting one of them to imitate a freshly tuned copy of itself")]
    [InlineData("when all sampled answers to a prompt agree, GRPO-style advantages vanish; fixing that with a consistency-aware objective")]
    [InlineData("which papers are about turning natural-language questions into SQL queries?")]
    public async Task The_trace_replays_to_the_fused_ranking(string question)
    {
        var system = new PaperBotSystem(corpus.Services.GetRequiredService<ExtractiveAnswerer>(), corpus.Services.GetRequiredService<SqliteConnectionFactory>());
        var response = await system.RespondAsync(question);
        var fusion = Assert.IsType<FusionOutcome>(response.Fusion);
        var fused = fusion.Rankings[FusionTrace.Fused].Select(h => h.Id).ToList();
        Assert.Equal(response.RankedIds.Take(5), fused.Take(5));
        Assert.Equal(100, fusion.Rankings[FusionTrace.Dense].Count);
        Assert.All(new[] { FusionTrace.Keyword, FusionTrace.Corpus, FusionTrace.Dense }, name =>
            Assert.Equal(fusion.Rankings[name].Select(h => h.Score).OrderByDescending(s => s), fusion.Rankings[name].Select(h => h.Score)));

        Assert.Equal(fused.Take(10), Replay(fusion, corpus.Services.GetRequiredService<IOptions<RetrievalOptions>>().Value).Take(10));
        // The question's unit embedding, for replaying dense-side ideas from the stored passage vectors.
        var vector = Assert.IsAssignableFrom<IReadOnlyList<float>>(fusion.QueryVector);
        Assert.Equal(384, vector.Count);
        Assert.InRange(Math.Sqrt(vector.Sum(x => (double)x * x)), 0.999, 1.001);
    }

    [Fact]
    public async Task A_topic_question_and_a_decisive_keyword_match_are_recorded()
    {
        var system = new PaperBotSystem(corpus.Services.GetRequiredService<ExtractiveAnswerer>(), corpus.Services.GetRequiredService<SqliteConnectionFactory>());
        var topic = (await system.RespondAsync("which papers are about turning natural-language questions into SQL queries?")).Fusion!;
        Assert.True(topic.Topic);
        var decisive = (await system.RespondAsync("when all sampled answers to a prompt agree, GRPO-style advantages vanish; fixing that with a consistency-aware objective")).Fusion!;
        Assert.False(decisive.Topic);
        Assert.Equal(decisive.Rankings[FusionTrace.Keyword][0].Id, decisive.DecisiveKeyword);
        Assert.Equal(decisive.DecisiveKeyword, decisive.Rankings[FusionTrace.Fused][0].Id);
    }

    [Fact]
    public void Gold_ranks_are_one_based_per_ranking_and_null_beyond_its_depth()
    {
        var fusion = new FusionOutcome(
            new Dictionary<string, IReadOnlyList<(string Id, double Score)>>
            {
                ["keyword"] = [("a", 3), ("b", 2)],
                ["dense"] = [("b", 0.6), ("c", 0.5), ("a", 0.4)],
            },
            0.5, 0, false, null);
        var ranks = EvalRunner.GoldRanksIn(fusion, ["a", "c"]);
        Assert.Equal([1, null], ranks["keyword"]);
        Assert.Equal([3, 2], ranks["dense"]);
    }

    /// <summary>The fusion of <see cref="PaperSearcher"/>, from the trace alone: keyword and corpus scores divided by their
    /// best, the dense cosines spread between the deepest and the best and weighted by the lexical coverage and the
    /// bridged share, then the decisive keyword match put first.</summary>
    private static List<string> Replay(FusionOutcome fusion, RetrievalOptions options)
    {
        var fused = new Dictionary<string, double>(StringComparer.Ordinal);
        void ByBest(IReadOnlyList<(string Id, double Score)> ranking, double weight)
        {
            var best = ranking.Count == 0 ? 0 : ranking.Max(r => r.Score);
            foreach (var (id, score) in best > 0 ? ranking : [])
            {
                fused[id] = fused.GetValueOrDefault(id) + weight * Math.Max(0, score) / best;
            }
        }
        ByBest(fusion.Rankings[FusionTrace.Keyword], options.KeywordWeight);
        ByBest(fusion.Rankings[FusionTrace.Corpus], fusion.Topic ? options.TopicCorpusVectorWeight : options.CorpusVectorWeight);
        var dense = fusion.Rankings[FusionTrace.Dense];
        var weight = options.EmbeddingWeight * (1 + options.EmbeddingLowCoverageBoost * (1 - fusion.LexicalCoverage)) * (1 - fusion.BridgedShare);
        foreach (var (id, cosine) in dense)
        {
            fused[id] = fused.GetValueOrDefault(id) + weight * (cosine - dense[^1].Score) / Math.Max(dense[0].Score - dense[^1].Score, 1e-6);
        }
        var order = fused.OrderByDescending(kv => kv.Value).Select(kv => kv.Key).ToList();
        if (fusion.DecisiveKeyword is { } decisive && order.Remove(decisive))
        {
            order.Insert(0, decisive);
        }
        return order;
    }
}
