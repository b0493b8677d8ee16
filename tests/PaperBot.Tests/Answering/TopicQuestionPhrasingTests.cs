using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Answering;
using PaperBot.Tests.Retrieval;

namespace PaperBot.Tests.Answering;

/// <summary>
/// A question that asks what the reading list holds on a theme gets every clearly relevant paper, however it is
/// phrased, not the three best; a question about one thing keeps the short answer.
/// </summary>
public sealed class TopicQuestionPhrasingTests(EvaluatedCorpus corpus) : IClassFixture<EvaluatedCorpus>
{
    [Theory]
    [InlineData("which papers are on mixture of experts?")]
    [InlineData("what do we have on mixture of experts?")]
    [InlineData("what's there on mixture of experts")]
    [InlineData("everything about mixture of experts")]
    [InlineData("give me an overview of mixture of experts")]
    [InlineData("show me all the work on mixture of experts")]
    [InlineData("recent research on mixture of experts?")]
    public async Task Asking_what_the_list_holds_on_a_theme_gets_every_clearly_relevant_paper(string question)
    {
        Assert.True(EvidenceFinder.AsksForSeveral(question));
        var evidence = await corpus.Services.GetRequiredService<EvidenceFinder>().FindAsync(question);

        // Six papers in the corpus are on mixture-of-experts models; the answer used to stop at three.
        Assert.True(evidence.Papers.Count >= 5, $"{evidence.Papers.Count} papers: {string.Join(" | ", evidence.Papers.Select(p => p.Paper.Title))}");
        Assert.All(evidence.Papers, p => Assert.Matches("(?i)mixture[- ]of[- ]experts?|moe", p.Paper.Title + " " + p.Paper.Abstract));
    }

    [Fact]
    public async Task Everything_in_a_question_is_a_chat_word_not_a_missing_topic_word()
    {
        // "everything" is in no abstract; counted as a topic word it left the question two-thirds unmatched and the
        // answer declined with "I found nothing" although four papers are about model merging.
        var evidence = await corpus.Services.GetRequiredService<EvidenceFinder>().FindAsync("everything about model merging");

        Assert.False(evidence.Abstained);
        Assert.True(evidence.Papers.Count(p => p.Paper.Title.Contains("Model Merging", StringComparison.OrdinalIgnoreCase)) >= 3);
    }

    [Theory]
    [InlineData("how does StableMoE stabilise routing?")]
    [InlineData("does this work on images?")]
    [InlineData("what is the research question of DeepSeekMoE?")]
    [InlineData("what does the survey say?")]
    public void A_question_about_one_thing_is_not_read_as_asking_for_every_paper(string question) =>
        Assert.False(EvidenceFinder.AsksForSeveral(question));
}
