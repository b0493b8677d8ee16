using PaperBot.Core.Text;

namespace PaperBot.Tests.Answering;

public sealed class MarkupNormalizerTests
{
    [Theory]
    [InlineData(@"we introduce T\""ULU 3, a family", "we introduce TÜLU 3, a family")]
    [InlineData(@"a reward model called \textbf{Math-Shepherd}, which", "a reward model called Math-Shepherd, which")]
    [InlineData(@"1) \textit{Verification}: Math-Shepherd", "1) Verification: Math-Shepherd")]
    [InlineData(@"Mistral-7B (77.9\%$\to$84.1\% on GSM8K", "Mistral-7B (77.9%→84.1% on GSM8K")]
    [InlineData(@"concluding ""P $\neq$ NP"", which", @"concluding ""P ≠ NP"", which")]
    [InlineData(@"activate the top-$K$ out of $N$ experts", "activate the top-K out of N experts")]
    [InlineData(@"proposes the {\it least disagree metric} (LDM)", "proposes the least disagree metric (LDM)")]
    [InlineData(@"a baseline \'a la Math-Shepherd", "a baseline á la Math-Shepherd")]
    [InlineData(@"released at \url{https://github.com/thu-coai/ShieldLM}.", "released at https://github.com/thu-coai/ShieldLM.")]
    [InlineData(@"effectiveness\url{https://github.com/x/y}", "effectiveness https://github.com/x/y")]
    [InlineData(@"method, LiPO-{\lambda}, which", "method, LiPO-λ, which")]
    [InlineData("two metrics: (1) **Segment Routing Best Performance (SRP)**, which", "two metrics: (1) Segment Routing Best Performance (SRP), which")]
    [InlineData("large language models~(LLMs), e.g.", "large language models (LLMs), e.g.")]
    [InlineData("about ~10% of tokens", "about ~10% of tokens")]
    [InlineData("Q&amp;A over &lt;tables&gt;", "Q&A over <tables>")]
    [InlineData("via texttt{D}ual-texttt{H}ead texttt{O}ptimization", "via Dual-Head Optimization")]
    public void Latex_and_markup_become_display_text(string raw, string display)
    {
        Assert.Equal(display, MarkupNormalizer.ForDisplay(raw));
        Assert.False(MarkupNormalizer.HasLeak(display), display);
    }

    [Fact]
    public void Plain_text_comes_back_unchanged()
    {
        const string text = "Step-DPO achieves 70.8% and 94.0% on MATH and GSM8K (a 3% gain), see https://github.com/dvlab-research/Step-DPO.";
        Assert.Same(text, MarkupNormalizer.ForDisplay(text));
    }

    [Theory]
    [InlineData(@"T\""ULU 3")]
    [InlineData(@"a \textbf{bold} claim")]
    [InlineData("score of $\\alpha$")]
    [InlineData("**bold** text")]
    public void Leaks_are_detected(string text) => Assert.True(MarkupNormalizer.HasLeak(text));
}
