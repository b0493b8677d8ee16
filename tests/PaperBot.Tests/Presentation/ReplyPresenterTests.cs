using PaperBot.Core.Answering;
using PaperBot.Core.Chat;
using PaperBot.Core.Presentation;

namespace PaperBot.Tests.Presentation;

public sealed class ReplyPresenterTests
{
    private static readonly Citation Stable = new(1, "stab1e", "StableMoE: Stable Routing Strategy for Mixture of Experts", "https://arxiv.org/abs/2204.08396", "Apr 18, 2022");
    private static readonly Citation Deep = new(2, "deep5k", "DeepSeekMoE: Towards Ultimate Expert Specialization", null, "Jan 11, 2024");

    private static ChatReply Reply(string question, AnswerBasis basis, params AnswerSentence[] sentences) =>
        PaperBotAssistant.FromAnswer(new Answer
        {
            Question = question,
            Sentences = sentences,
            Citations = [Stable, Deep],
            Basis = basis,
            PapersSearched = 100,
        });

    [Fact]
    public void A_topic_answer_over_several_papers_is_one_list_line_per_paper_and_no_separate_sources()
    {
        var presentation = Reply("any papers on mixture of experts?", AnswerBasis.Abstracts,
            new("StableMoE fixes routing fluctuation.", [1]),
            new("It distils a lightweight router.", [1]),
            new("DeepSeekMoE segments experts finely.", [2])).Present();

        var list = Assert.IsType<PaperListBlock>(Assert.Single(presentation.Blocks));
        Assert.Equal(["stab1e", "deep5k"], list.Items.Select(i => i.PaperId));
        Assert.Equal("StableMoE fixes routing fluctuation. It distils a lightweight router.", list.Items[0].Why);
        Assert.Empty(presentation.UnlistedSources);

        var text = PlainTextRenderer.Render(presentation);
        Assert.DoesNotContain("Sources:", text, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(text, "DeepSeekMoE: Towards Ultimate Expert Specialization"));
    }

    [Fact]
    public void Compare_a_and_b_is_two_columns_with_method_and_result()
    {
        var presentation = Reply("compare StableMoE and DeepSeekMoE", AnswerBasis.Abstracts,
            new("StableMoE learns a balanced routing strategy first.", [1]),
            new("It beats existing MoE methods on language modelling.", [1]),
            new("DeepSeekMoE splits experts into finer ones.", [2])).Present();

        var comparison = Assert.IsType<ComparisonBlock>(Assert.Single(presentation.Blocks));
        Assert.Equal("stab1e", comparison.Left.PaperId);
        Assert.Equal("StableMoE learns a balanced routing strategy first.", comparison.Left.Method);
        Assert.Equal("It beats existing MoE methods on language modelling.", comparison.Left.Result);
        Assert.Equal("deep5k", comparison.Right.PaperId);
        Assert.Null(comparison.Right.Result);
        Assert.Empty(presentation.UnlistedSources);
    }

    [Fact]
    public void A_one_paper_answer_is_prose_with_its_source_and_offers_the_three_actions()
    {
        var reply = PaperBotAssistant.FromAnswer(new Answer
        {
            Question = "what is StableMoE?",
            Sentences = [new("StableMoE fixes routing fluctuation.", [1])],
            Citations = [Stable],
            Basis = AnswerBasis.Abstracts,
            PapersSearched = 100,
        });
        var presentation = reply.Present();

        Assert.IsType<ProseBlock>(Assert.Single(presentation.Blocks));
        Assert.Equal([Stable], presentation.UnlistedSources);
        Assert.Equal([PaperActionKind.Abstract, PaperActionKind.Similar, PaperActionKind.AskAbout], presentation.Actions.Select(a => a.Kind));
        Assert.All(presentation.Actions, a => Assert.Equal("stab1e", a.PaperId));
    }

    [Fact]
    public void Blocks_an_answerer_laid_out_are_used_as_they_are()
    {
        var side = new ComparisonSide(1, "stab1e", Stable.Title, Stable.Date, Stable.Url) { Method = "m", Result = "r" };
        var reply = PaperBotAssistant.FromAnswer(new Answer
        {
            Question = "q",
            Sentences = [new("x", [1])],
            Citations = [Stable, Deep],
            Basis = AnswerBasis.Abstracts,
            Blocks = [new ComparisonBlock(side, side with { N = 2, PaperId = "deep5k" }, [new AnswerSentence("Both use experts.", [1, 2])])],
        });

        var text = reply.ToPlainText();

        Assert.Contains("    Method: m", text, StringComparison.Ordinal);
        Assert.Contains("Both use experts. [1][2]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sources:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_and_problems_offer_no_buttons()
    {
        Assert.Empty(PaperBotAssistant.Help().Present().Actions);
        Assert.Empty(ChatReply.Problem("No.").Present().Actions);
    }

    [Fact]
    public void An_abstained_answer_stays_prose()
    {
        var presentation = PaperBotAssistant.FromAnswer(Answer.NothingFound("q", 12)).Present();

        var prose = Assert.IsType<ProseBlock>(Assert.Single(presentation.Blocks));
        Assert.Contains("12 papers", prose.Sentences[0].Text, StringComparison.Ordinal);
        Assert.Empty(presentation.Actions);
    }

    [Fact]
    public void A_metadata_list_line_giving_the_code_link_the_item_shows_repeats_nothing_under_the_item()
    {
        var presentation = Reply("papers with code", AnswerBasis.Metadata,
            new("I found 2 papers with code:", []),
            new($"{Stable.Title} ({Stable.Date}; code: {Stable.Url})", [1]),
            new($"{Deep.Title} ({Deep.Date}; no link in the listing)", [2])).Present();

        var list = Assert.IsType<PaperListBlock>(Assert.Single(presentation.Blocks));
        Assert.Null(list.Items[0].Why);
        Assert.Equal(Stable.Url, list.Items[0].Url);
        Assert.Null(list.Items[1].Why);
        // The link once, on the item; the title once too.
        Assert.Equal(1, CountOf(PlainTextRenderer.Render(presentation), Stable.Title));
        Assert.Equal(1, CountOf(PlainTextRenderer.Render(presentation), Stable.Url!));
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
