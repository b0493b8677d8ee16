using PaperBot.Host.Evaluation;

namespace PaperBot.Tests.Evaluation;

/// <summary>The evaluation counts a fact as stated only when the answer writes it as a whole word or number.</summary>
public sealed class AnswerFactsTests
{
    [Theory]
    [InlineData("The most upvoted paper has 9 upvotes.", "9")]
    [InlineData("WildBench consists of 1,024 tasks.", "1,024")]
    [InlineData("It improves by 17% over the base model.", "17%")]
    [InlineData("Authors: Yifan Song, Peiyi Wang, et al.", "et al")]
    [InlineData("authors: yifan song and others", "Yifan Song")]
    [InlineData("a gain of 4.1 points.", "4.1")]
    [InlineData("Alignment faking in large language models is listed with the date Dec 18, 2024.", "2024-12-18")]
    [InlineData("BARS-CTR (Sep 12, 2020)", "2020-09-12")]
    [InlineData("dated 2020-09-12", "2020-09-12")]
    public void A_fact_written_whole_is_found(string answer, string fact) => Assert.True(AnswerFacts.Mentions(answer, fact));

    [Theory]
    [InlineData("Listed Jul 19, 2024.", "9")]
    [InlineData("a gain of 14.1 points.", "4.1")]
    [InlineData("scores 7.5 on MT-Bench", "7")]
    [InlineData("a window of 2,048 tokens", "2")]
    [InlineData("by Li Dongfang", "Dong")]
    [InlineData("5580 cases", "558")]
    [InlineData("listed on Dec 18, 2023", "2024-12-18")]
    [InlineData("listed on Dec 1, 2024", "2024-12-18")]
    public void A_fact_inside_a_longer_word_or_number_is_not_found(string answer, string fact) => Assert.False(AnswerFacts.Mentions(answer, fact));
}
