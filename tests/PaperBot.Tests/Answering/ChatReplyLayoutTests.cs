using PaperBot.Core.Answering;
using PaperBot.Core.Chat;

namespace PaperBot.Tests.Answering;

public sealed class ChatReplyLayoutTests
{
    private static readonly AnswerSentence[] ProseEndingUncited =
    [
        new("Two papers study this.", []),
        new("One trains a verifier.", [1]),
        new("The other samples more.", [2]),
        new("Both report gains on math benchmarks.", []),
    ];

    [Fact]
    public void A_prose_answer_that_ends_without_a_citation_stays_a_paragraph()
    {
        var text = new ChatReply { Kind = ReplyKind.Answer, Body = ProseEndingUncited }.ToPlainText();

        Assert.DoesNotContain("- ", text, StringComparison.Ordinal);
        Assert.Contains("Two papers study this. One trains a verifier. [1]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_metadata_list_with_a_closing_line_is_laid_out_one_paper_per_line()
    {
        var answer = new Answer
        {
            Question = "q",
            Sentences = ProseEndingUncited,
            Citations = [new Citation(1, "aaaaaa", "Verifier", null, "Jan 2, 2024"), new Citation(2, "bbbbbb", "Sampler", null, null)],
            Basis = AnswerBasis.Metadata,
            PapersSearched = 2,
        };
        var lines = PaperBotAssistant.FromAnswer(answer).ToPlainText().Split('\n');

        Assert.Equal("Two papers study this.", lines[0]);
        Assert.Contains("[1] Verifier (Jan 2, 2024) — aaaaaa", lines);
        Assert.Contains("    One trains a verifier.", lines);
        Assert.Contains("[2] Sampler — bbbbbb", lines);
        Assert.Contains("Both report gains on math benchmarks.", lines);
        Assert.DoesNotContain("Sources:", lines);
    }
}
