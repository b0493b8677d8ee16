using PaperBot.Core.Text;

namespace PaperBot.Tests.Text;

/// <summary>Where abstracts are cut into sentences, and where they must not be.</summary>
public sealed class SentenceSplitterTests
{
    [Fact]
    public void Splits_after_a_full_stop_question_or_exclamation_mark_before_a_capital() =>
        Assert.Equal(["We train a model.", "Does it work?", "It does!", "Code is public."],
            SentenceSplitter.Split("We train a model. Does it work? It does! Code is public."));

    [Theory]
    [InlineData("Models, e.g. GPT-4, do well. Others do not.", "Models, e.g. GPT-4, do well.")]
    [InlineData("As Smith et al. Showed, it works. Others do not.", "As Smith et al. Showed, it works.")]
    [InlineData("See Fig. 3 for details. Others do not.", "See Fig. 3 for details.")]
    [InlineData("BERT vs. GPT compared. Others do not.", "BERT vs. GPT compared.")]
    [InlineData("Written by J. Smith in 2024. Others do not.", "Written by J. Smith in 2024.")]
    [InlineData("Accuracy rose by 3.5 points. Others do not.", "Accuracy rose by 3.5 points.")]
    [InlineData("See https://github.io/x.y for code. Others do not.", "See https://github.io/x.y for code.")]
    [InlineData("It works. and more follows. Others do not.", "It works. and more follows.")]
    public void Does_not_split_at_abbreviations_initials_decimals_urls_or_before_lower_case(string text, string first)
    {
        var sentences = SentenceSplitter.Split(text);
        Assert.Equal([first, "Others do not."], sentences);
    }

    [Theory]
    [InlineData("It works. 95% of the time.", "95% of the time.")]
    [InlineData("It works. (See below.)", "(See below.)")]
    [InlineData("It works. \"Quoted\" text.", "\"Quoted\" text.")]
    [InlineData("It works. [1] says so.", "[1] says so.")]
    public void Splits_before_digits_brackets_and_quotes(string text, string second) =>
        Assert.Equal(["It works.", second], SentenceSplitter.Split(text));

    [Fact]
    public void Keeps_a_last_sentence_without_a_full_stop_and_trims_spaces() =>
        Assert.Equal(["First one.", "Then a fragment"], SentenceSplitter.Split("  First one. Then a fragment  "));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_text_has_no_sentences(string text) => Assert.Empty(SentenceSplitter.Split(text));
}
