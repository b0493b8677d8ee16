using PaperBot.Core.Text;

namespace PaperBot.Tests.Text;

/// <summary>The part of a question that is read (<see cref="QuestionText"/>): a pasted page to its first 1,000 characters,
/// a run of letters to its first 64.</summary>
public sealed class QuestionTextTests
{
    [Theory]
    [InlineData("what is speculative decoding?", "what is speculative decoding?")]
    [InlineData("  what is\u0007 RLHF?  ", "what is\u0007 RLHF?")]
    public void A_question_within_bounds_is_read_as_it_is(string question, string read) =>
        Assert.Equal(read, QuestionText.Bounded(question));

    [Fact]
    public void A_longer_question_is_cut_after_a_word_and_a_longer_word_to_its_first_letters()
    {
        var words = QuestionText.Bounded(string.Join(' ', Enumerable.Repeat("attention", 10_000)));
        Assert.InRange(words.Length, QuestionText.MaxLength / 2, QuestionText.MaxLength);
        Assert.EndsWith("attention", words, StringComparison.Ordinal);

        Assert.Equal("what is " + new string('a', QuestionText.MaxWordLength) + "?", QuestionText.Bounded("what is " + new string('a', 6_000) + "?"));

        // Emoji are surrogate pairs: never cut between the halves.
        var emoji = QuestionText.Bounded("a" + string.Concat(Enumerable.Repeat("😀", 3_000)));
        Assert.False(char.IsHighSurrogate(emoji[^1]));
    }
}
