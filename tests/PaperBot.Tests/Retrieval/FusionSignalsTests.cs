using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Answering;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Storage;
using PaperBot.Host.Cli;

namespace PaperBot.Tests.Retrieval;

/// <summary>
/// The fusion and abstention signals on the real corpus with the local model (the shared embedded corpus): a decisive
/// keyword match is not overturned by the embeddings, and a name of several common words that no paper writes is
/// reported as unknown.
/// </summary>
public sealed class FusionSignalsTests(EvaluatedCorpus corpus) : IClassFixture<EvaluatedCorpus>
{
    // COPO's abstract speaks of consistency-aware policy optimization when sampled responses converge; MiniLM puts
    // GRPO-CARE (consistency-aware RL for multimodal reasoning) first.
    private const string Question = "when all sampled answers to a prompt agree, GRPO-style advantages vanish; fixing that with a consistency-aware objective";
    private const string GoldTitle = "COPO: Consistency-Aware Policy Optimization";

    [Fact]
    public async Task A_decisive_keyword_match_stays_first_whatever_the_embeddings_prefer()
    {
        var evidence = await corpus.Services.GetRequiredService<EvidenceFinder>().FindAsync(Question);
        Assert.Equal(GoldTitle, evidence.Ranked[0].Paper.Title);

        // The same database with the gate off: the embeddings' favourite wins, so the test above measures the gate.
        var database = corpus.Services.GetRequiredService<SqliteConnectionFactory>().DatabasePath;
        await using var ungated = CliServices.Build(database, verbose: false, [new("Retrieval:DecisiveKeywordRatio", "0")]);
        var without = await ungated.GetRequiredService<EvidenceFinder>().FindAsync(Question);
        Assert.NotEqual(GoldTitle, without.Ranked[0].Paper.Title);
        Assert.Contains(without.Ranked.Take(5), h => h.Paper.Title == GoldTitle);
    }

    [Theory]
    [InlineData("results of Stable Diffusion XL on text-to-image benchmarks", "stable diffusion xl")]
    [InlineData("best hiking trails near Lake Tahoe in autumn", "")]
    [InlineData("paper extending Kahneman-Tversky optimization to math reasoning", "")]
    [InlineData("how does Direct Preference Optimization avoid a reward model?", "")]
    public void Names_of_several_words_no_paper_writes_are_unknown(string question, string expected)
    {
        // "Lake Tahoe": "tahoe" is in no paper, so it is an unknown name already, not an unknown phrase.
        var result = corpus.Services.GetRequiredService<PaperSearcher>().Search(question, 5);
        Assert.Equal(expected, string.Join('|', result.UnknownPhrases));
    }
}
