using PaperBot.Core.Papers;
using PaperBot.Host.Evaluation;

namespace PaperBot.Tests.Evaluation;

/// <summary>
/// The evaluation's count of dangling openers: a sentence pointing back ("This theory…") dangles unless the answer
/// shows, right before it and from the same paper, the abstract sentence it points back to.
/// </summary>
public sealed class DanglingOpenerCountTests
{
    private static readonly Paper Theory = new()
    {
        Id = "p1",
        Title = "A Paper on Capacity",
        Abstract = "Training one model on many tasks can hurt some of them. This theory motivates our method, an ensemble of small models. We report large gains.",
    };

    private static int Dangling(params string[] sentences) =>
        AnswerQuality.Score("summarize it", false,
            new SystemResponse(["p1"], false, string.Join(" ", sentences), ["p1"]) { Sentences = sentences.Select(s => (s, (IReadOnlyList<string>)["p1"])).ToList() },
            ["p1"], id => id == "p1" ? Theory : null).DanglingOpeners;

    [Fact]
    public void A_sentence_shown_right_after_its_antecedent_does_not_dangle() =>
        Assert.Equal(0, Dangling("Training one model on many tasks can hurt some of them.", "This theory motivates our method, an ensemble of small models."));

    [Fact]
    public void A_sentence_shown_without_its_antecedent_dangles()
    {
        Assert.Equal(1, Dangling("This theory motivates our method, an ensemble of small models.", "We report large gains."));
        Assert.Equal(1, Dangling("We report large gains.", "This theory motivates our method, an ensemble of small models."));
    }
}
