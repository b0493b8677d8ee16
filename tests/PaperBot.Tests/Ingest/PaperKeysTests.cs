using System.Text;
using PaperBot.Core.Ingest;

namespace PaperBot.Tests.Scale;

public sealed class PaperKeysTests
{
    /// <summary>The key as it was defined before keys were normalised a piece at a time: the whole text decomposed.</summary>
    private static string WholeTextKey(string text, int length)
    {
        var sb = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKD))
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
                if (sb.Length >= length)
                {
                    break;
                }
            }
        }
        return sb.ToString();
    }

    [Theory]
    // Accents, a ligature, full-width digits, Hangul and a character outside the BMP, placed so that some fall
    // on the boundaries of the pieces the key is normalised in.
    [InlineData(0)]
    [InlineData(222)] // the surrogate pair of U+1D400 straddles the first boundary (255|256)
    [InlineData(250)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(511)]
    public void Abstract_keys_of_long_non_ascii_text_are_the_same_as_decomposing_the_whole_text(int padding)
    {
        var text = new string('-', padding) + " Cafe\u0301 re\u0301sume\u0301 \uFB01ne-tuning \uFF11\uFF12 \uD55C\uAD6D \U0001D400lpha "
            + string.Concat(Enumerable.Repeat("Ünïcödé wörds ", 30));

        Assert.Equal("a:" + WholeTextKey(text, 160), PaperKeys.AbstractKey(text));
        Assert.Equal("t:" + WholeTextKey(text, int.MaxValue), PaperKeys.TitleKey(text));
    }

    [Fact]
    public void A_short_ascii_abstract_keys_to_its_letters_and_digits()
    {
        Assert.Equal("a:wepresentgpt4results", PaperKeys.AbstractKey("We present GPT-4 results."));
    }
}
