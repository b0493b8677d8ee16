using PaperBot.Core.Answering;
using PaperBot.Core.Chat;
using PaperBot.Host.Channels.Discord.Commands;

namespace PaperBot.Tests.Discord;

public sealed class DiscordReplyRendererTests
{
    [Fact]
    public void Messages_stay_within_2000_characters_and_never_separate_a_sentence_from_its_citation()
    {
        var sentences = Enumerable.Range(1, 60).Select(i => new AnswerSentence($"Sentence {i} " + new string('x', 90 + i % 17) + ".", [i % 3 + 1, 7])).ToList();
        var reply = new ChatReply { Kind = ReplyKind.Answer, Body = sentences, Footer = "Based on 3 papers." };

        var messages = DiscordReplyRenderer.Render(reply);

        Assert.True(messages.Count > 2);
        Assert.All(messages, m => Assert.InRange(m.Length, 1, 2000));
        foreach (var (s, i) in sentences.Select((s, i) => (s, i)))
        {
            var rendered = $"Sentence {i + 1} {new string('x', 90 + (i + 1) % 17)}. [{(i + 1) % 3 + 1}][7]";
            Assert.Single(messages, m => m.Contains(rendered, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_single_sentence_longer_than_a_message_is_cut_at_spaces()
    {
        var words = string.Join(' ', Enumerable.Range(0, 700).Select(i => "w" + i));
        var messages = DiscordReplyRenderer.Render(new ChatReply { Kind = ReplyKind.Answer, Body = [new AnswerSentence(words, [1])] });
        Assert.All(messages, m => Assert.InRange(m.Length, 1, 2000));
        Assert.EndsWith("w699 [1]", messages[^1], StringComparison.Ordinal);
        Assert.Equal(words + " [1]", string.Join(' ', messages));
    }

    [Theory]
    [InlineData("**bold** and _it_", @"\*\*bold\*\* and \_it\_")]
    [InlineData("`code` ~~strike~~ ||spoiler||", @"\`code\` \~\~strike\~\~ \|\|spoiler\|\|")]
    [InlineData("# Heading\n- item\n> quote", "\\# Heading\n\\- item\n\\> quote")]
    [InlineData("[masked](https://evil.example)", @"\[masked\](<https://evil.example>)")]
    [InlineData("see https://arxiv.org/abs/2401.0001_v2.", "see <https://arxiv.org/abs/2401.0001_v2>.")]
    [InlineData("<@123> and <#456>", @"\<@123\> and \<#456\>")]
    [InlineData("a-b # c", "a-b # c")]
    public void Paper_text_is_escaped_so_it_displays_literally(string input, string expected) =>
        Assert.Equal(expected, DiscordMarkdown.Escape(input));

    [Fact]
    public void Sources_are_numbered_with_ids_and_links()
    {
        var reply = new ChatReply
        {
            Kind = ReplyKind.Answer,
            Body = [new AnswerSentence("It works.", [1])],
            Sources = [new Citation(1, "k3f9qa", "A _title_", "https://arxiv.org/abs/1", "2024-05"), new Citation(2, "zz", "No link", null, null)],
        };
        var text = Assert.Single(DiscordReplyRenderer.Render(reply));
        Assert.Contains("[1] `k3f9qa` A \\_title\\_ (2024-05) <https://arxiv.org/abs/1>", text, StringComparison.Ordinal);
        Assert.Contains("[2] `zz` No link", text, StringComparison.Ordinal);
    }
}
