using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Answering;
using PaperBot.Core.Retrieval;

namespace PaperBot.Tests.Retrieval;

/// <summary>
/// A paper pinned first by a decisive keyword match keeps the place and the score it has without the theme-term bonus
/// (<see cref="RetrievalOptions.ThemeTermBonus"/>): the bonus orders the other papers only. Its score is the best score a
/// list's relative cut is taken from, and the bonus of another paper writing the term had lowered it.
/// </summary>
public sealed class PinnedMatchTests(EvaluatedCorpus corpus) : IClassFixture<EvaluatedCorpus>
{
    [Theory]
    [InlineData("papers about conflicting gradiants between tasks or loss terms?")]
    public async Task The_theme_term_bonus_leaves_the_pinned_papers_place_and_score_alone(string question)
    {
        var searcher = corpus.Services.GetRequiredService<PaperSearcher>();
        // The theme's terms as the evidence finder reads them ("conflicting gradiants", "loss terms").
        var terms = ThemeTerms.Of(ThemeTerms.ThemeOf(question)!, searcher.WritesPhrase).OfType<string>().ToList();
        Assert.NotEmpty(terms);
        var embedding = await corpus.Services.GetRequiredService<QuestionEmbedder>().EmbedAsync(question, CancellationToken.None);

        var plain = searcher.Search(question, 10, embedding, manyPapers: true);
        var withTerms = searcher.Search(question, 10, embedding, manyPapers: true, themeTerms: terms);

        var pinned = plain.Fusion!.DecisiveKeyword;
        Assert.NotNull(pinned);
        Assert.Equal(pinned, withTerms.Fusion!.DecisiveKeyword);
        Assert.Equal(plain.Hits[0].Paper.Id, withTerms.Hits[0].Paper.Id);
        Assert.Equal(plain.Hits[0].Score, withTerms.Hits[0].Score);
        Assert.Equal(pinned, withTerms.Fusion.Rankings[FusionTrace.Fused][0].Seq);
    }

    [Fact]
    public async Task A_theme_list_is_cut_relative_to_the_pinned_papers_own_score()
    {
        // ConFIG is the decisive keyword match; Rep-MTL writes "conflicting gradients" and its bonus put the best score
        // higher, so ConFIG was pinned below its own score and the relative cut let six papers into the list.
        var evidence = await corpus.Services.GetRequiredService<EvidenceFinder>().FindAsync("papers about conflicting gradiants between tasks or loss terms?");

        Assert.False(evidence.Abstained, evidence.Decision.Reason);
        Assert.StartsWith("ConFIG", evidence.Papers[0].Paper.Title, StringComparison.Ordinal);
        Assert.InRange(evidence.Papers.Count, 2, 4);
    }
}
