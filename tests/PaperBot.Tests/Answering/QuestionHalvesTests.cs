using PaperBot.Core.Answering;

namespace PaperBot.Tests.Answering;

/// <summary>
/// Long questions cut in two halves for the abstention rule's agreement check: at a comma or clause word near the
/// middle of the content words, each half holding at least a third of them; short questions have no halves.
/// </summary>
public sealed class QuestionHalvesTests
{
    [Fact]
    public void A_long_question_is_cut_at_the_clause_nearest_the_middle_of_its_content_words()
    {
        var halves = QuestionHalves.Of("cheap trick to let a network jump over some of its blocks adaptively, by only updating the small gate rather than the whole net", 10);

        Assert.Equal(["cheap trick to let a network jump over some of its blocks adaptively", "by only updating the small gate rather than the whole net"], halves);
    }

    [Fact]
    public void A_cut_at_a_clause_word_is_preferred_to_one_at_the_exact_middle_between_two_plain_words()
    {
        // 12 content words; the middle falls between "preference" and "pairs", but "so" opens the second clause.
        var halves = QuestionHalves.Of("train a chatbot on ranked preference pairs so that answers sound confident yet stay honest about uncertainty", 10);

        Assert.Equal(2, halves.Count);
        Assert.StartsWith("so that", halves[1]);
    }

    [Fact]
    public void Without_a_comma_or_clause_word_the_question_is_cut_between_its_middle_content_words()
    {
        var halves = QuestionHalves.Of("sparse mixture experts routing collapse load balancing auxiliary loss token dropping capacity factor", 10);

        Assert.Equal(["sparse mixture experts routing collapse load", "balancing auxiliary loss token dropping capacity factor"], halves);
    }

    [Theory]
    [InlineData("papers about GANs for image synthesis?")]
    [InlineData("anything on perception for self-driving cars, like lidar object detection?")]
    [InlineData("")]
    public void A_short_question_has_no_halves(string question)
    {
        Assert.Empty(QuestionHalves.Of(question, 10));
    }

    [Fact]
    public void Each_half_keeps_at_least_a_third_of_the_content_words_whatever_the_punctuation()
    {
        // The comma after "so" is too early to cut at: the first half would hold one content word of eleven.
        var halves = QuestionHalves.Of("so, a method where the model rewrites its own training prompts and then scores the rewritten prompts against held-out tasks", 10);

        Assert.Equal(2, halves.Count);
        Assert.All(halves, h => Assert.True(PaperBot.Core.Text.Tokenizer.ContentWords(h).Count >= 3, h));
    }
}
