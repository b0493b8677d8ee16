using System.Text.Json;
using System.Text.Json.Nodes;
using PaperBot.Core.Answering;
using PaperBot.Core.Chat;
using PaperBot.Core.Papers;
using PaperBot.Core.Presentation;
using PaperBot.Host.Channels.Discord.Api;
using PaperBot.Host.Channels.Discord.Commands;

namespace PaperBot.Tests.Presentation;

/// <summary>
/// A listing date without a year ("Apr 17") reads the same wherever it is shown: in an answer's list after the title,
/// in a citation, in a Discord reply and in plain text, all from <see cref="PaperDate.ToDisplay"/>.
/// </summary>
public sealed class YearlessDateDisplayTests
{
    private static readonly Paper Yearless = new() { Id = "k6qdv7", Title = "SelfBudgeter", Abstract = "Budgets tokens.", Date = new PaperDate(null, 4, 17) };

    [Fact]
    public void A_date_without_a_year_shows_month_and_day_and_says_no_year_is_listed()
    {
        Assert.Equal("Apr 17, no year listed", new PaperDate(null, 4, 17).ToDisplay());
        Assert.Equal("Sep 11, 2023", new PaperDate(2023, 9, 11).ToDisplay());
        Assert.Equal("Apr 17", new PaperDate(null, 4, 17).MonthAndDay());
        Assert.Equal("Apr 17, no year listed", Citation.For(Yearless, 1).Date);
    }

    [Fact]
    public void A_list_answer_shows_the_same_words_in_discord_and_in_plain_text()
    {
        var citation = Citation.For(Yearless, 1);
        var answer = new Answer
        {
            Question = "which pku papers are about token allocation?",
            Sentences = [new("I found 1 paper from pku, about \"token allocation\":", []), new($"{citation.Title} ({citation.Date})", [1])],
            Citations = [citation],
            Basis = AnswerBasis.Metadata,
        };
        var reply = PaperBotAssistant.FromAnswer(answer);

        var discord = JsonNode.Parse(JsonSerializer.Serialize(Assert.Single(DiscordReplyRenderer.ToMessages(reply)), DiscordJson.Options))!;
        var description = discord["embeds"]![0]!["description"]!.GetValue<string>();
        var plain = PlainTextRenderer.Render(ReplyPresenter.Present(reply));

        Assert.Contains("**SelfBudgeter** · Apr 17, no year listed · `k6qdv7`", description, StringComparison.Ordinal);
        Assert.Contains("SelfBudgeter (Apr 17, no year listed)", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("year not given", description + plain, StringComparison.Ordinal);
    }
}
