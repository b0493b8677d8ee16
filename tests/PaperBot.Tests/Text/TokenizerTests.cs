using PaperBot.Core.Text;

namespace PaperBot.Tests.Text;

/// <summary>
/// How question text becomes words, by example. That these words are the FTS5 index's own, over the whole corpus
/// and for accents, ligatures and other scripts, is <see cref="FtsNormalisationConformanceTests"/>; not repeated here.
/// </summary>
public sealed class TokenizerTests
{
    [Theory]
    [InlineData("Attention Is All You Need", new[] { "attention", "is", "all", "you", "need" })]
    [InlineData("GPT-4o vs. LLaMA-2 (7B)", new[] { "gpt", "4o", "vs", "llama", "2", "7b" })]
    [InlineData("they'll foo_bar x/y", new[] { "they", "ll", "foo", "bar", "x", "y" })]
    [InlineData("TÜLU 3", new[] { "tulu", "3" })]
    [InlineData("  \t\n", new string[0])]
    [InlineData("", new string[0])]
    public void Splits_on_anything_but_letters_and_digits_and_lower_cases(string text, string[] words) =>
        Assert.Equal(words, Tokenizer.Words(text));

    [Fact]
    public void Keeps_every_occurrence_in_order() =>
        Assert.Equal(["a", "b", "a"], Tokenizer.Words("A b a"));

    [Theory]
    [InlineData("the", true)]
    [InlineData("papers", true)]
    [InlineData("which", true)]
    [InlineData("transformer", false)]
    [InlineData("The", false)] // stop words are matched after folding, as Words gives them
    public void Knows_its_stop_words(string word, bool stop) => Assert.Equal(stop, Tokenizer.IsStopWord(word));

    [Fact]
    public void Content_words_drop_stop_words_and_repeats_and_keep_the_order() =>
        Assert.Equal(["speculative", "decoding", "draft", "models"],
            Tokenizer.ContentWords("Which papers are about speculative decoding with draft models, and speculative DECODING?"));

    [Fact]
    public void A_question_of_only_stop_words_has_no_content_words() =>
        Assert.Empty(Tokenizer.ContentWords("What are the papers about?"));
}
