using System.Text.Json;
using System.Text.Json.Nodes;
using PaperBot.Core.Answering;
using PaperBot.Core.Chat;
using PaperBot.Core.Digest;
using PaperBot.Core.Presentation;
using PaperBot.Host.Channels.Discord.Api;
using PaperBot.Host.Channels.Discord.Commands;
using PaperBot.Host.Digest.Discord;

namespace PaperBot.Tests.Discord;

public sealed class DiscordReplyRendererTests
{
    private static JsonNode Wire(OutgoingMessage message) => JsonNode.Parse(JsonSerializer.Serialize(message, DiscordJson.Options))!;

    private static IReadOnlyList<JsonNode> Rendered(ChatReply reply)
    {
        var messages = DiscordReplyRenderer.ToMessages(reply).Select(Wire).ToList();
        foreach (var message in messages)
        {
            Assert.Empty(DiscordMessageLimits.Violations(message));
            Assert.Empty(message["allowed_mentions"]!["parse"]!.AsArray());
        }
        return messages;
    }

    private static string Description(JsonNode message) => message["embeds"]![0]!["description"]!.GetValue<string>();

    private static Citation Source(int n, string? url = "https://arxiv.org/abs/2401.0000") =>
        new(n, $"p{n:00000}", $"Paper {n} on _routing_ in mixtures of experts", url, "Jan 2, 2024");

    [Fact]
    public void A_long_answer_continues_in_further_embeds_between_sentences_and_every_message_is_within_discords_limits()
    {
        var sentences = Enumerable.Range(1, 60).Select(i => new AnswerSentence($"Sentence {i} " + new string('x', 90 + i % 17) + ".", [i % 3 + 1, 7])).ToList();
        var reply = new ChatReply { Kind = ReplyKind.Answer, Body = sentences, Sources = Enumerable.Range(1, 7).Select(n => Source(n)).ToList(), Footer = "Based on 3 papers." };

        var messages = Rendered(reply);

        Assert.True(messages.Count > 1);
        var text = string.Join("\n", messages.Select(Description));
        foreach (var (s, i) in sentences.Select((s, i) => (s, i)))
        {
            var rendered = $"Sentence {i + 1} {new string('x', 90 + (i + 1) % 17)}. [{(i + 1) % 3 + 1}][7]";
            Assert.Single(messages, m => Description(m).Contains(rendered, StringComparison.Ordinal));
        }
        // Sources, footer and buttons close the answer, once.
        Assert.All(messages.SkipLast(1), m => Assert.Null(m["components"]));
        Assert.NotNull(messages[^1]["components"]);
        Assert.Equal("Based on 3 papers.", messages[^1]["embeds"]![0]!["footer"]!["text"]!.GetValue<string>());
        Assert.Equal(7, messages[^1]["embeds"]![0]!["fields"]!.AsArray().Count);
    }

    [Fact]
    public void Sources_are_numbered_fields_with_title_id_date_and_link()
    {
        var reply = PaperBotAssistant.FromAnswer(new Answer
        {
            Question = "what is it?",
            Sentences = [new AnswerSentence("It works.", [1])],
            Citations = [new Citation(1, "k3f9qa", "A _title_", "https://arxiv.org/abs/1", "May 1, 2024")],
            Basis = AnswerBasis.Abstracts,
        });

        var message = Assert.Single(Rendered(reply));

        Assert.Equal("It works. [1]", Description(message));
        var field = message["embeds"]![0]!["fields"]![0]!;
        Assert.Equal(@"[1] A \_title\_", field["name"]!.GetValue<string>());
        Assert.Equal("`k3f9qa` · May 1, 2024 · [link](https://arxiv.org/abs/1)", field["value"]!.GetValue<string>());
        Assert.Equal("Based on the papers' abstracts; the full texts are not in the corpus.", message["embeds"]![0]!["footer"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void A_list_answer_is_its_sources_one_line_per_paper_in_the_description_and_no_source_fields()
    {
        var citations = Enumerable.Range(1, 25).Select(n => Source(n, n % 2 == 0 ? null : $"https://example.org/{n}")).ToList();
        var answer = new Answer
        {
            Question = "papers by Damai Dai",
            Sentences = [new("I found 31 papers with Damai Dai as an author:", []), .. citations.Select(c => new AnswerSentence($"{c.Title} ({c.Date})", [c.N])), new("…and 6 more; search to narrow it down.", [])],
            Citations = citations,
            Basis = AnswerBasis.Metadata,
        };

        var message = Assert.Single(Rendered(PaperBotAssistant.FromAnswer(answer)));

        var lines = Description(message).Split('\n');
        Assert.Equal("I found 31 papers with Damai Dai as an author:", lines[0]);
        Assert.Equal(25, lines.Count(l => l.StartsWith("**[", StringComparison.Ordinal)));
        Assert.Contains(@"**[1]** [Paper 1 on \_routing\_ in mixtures of experts](https://example.org/1) · Jan 2, 2024 · `p00001`", lines);
        Assert.Contains(@"**[2]** **Paper 2 on \_routing\_ in mixtures of experts** · Jan 2, 2024 · `p00002`", lines);
        Assert.Null(message["embeds"]![0]!["fields"]);
        // Buttons for the first five papers: Discord allows five rows.
        var rows = message["components"]!.AsArray();
        Assert.Equal(5, rows.Count);
        Assert.Equal(["Abstract [1]", "Similar to [1]", "Ask about [1]"], rows[0]!["components"]!.AsArray().Select(b => b!["label"]!.GetValue<string>()));
    }

    [Fact]
    public void A_comparison_is_two_inline_fields_each_with_method_and_result()
    {
        var left = new ComparisonSide(1, "stab1e", "StableMoE", "Apr 18, 2022", "https://arxiv.org/abs/2204.08396") { Method = "Learns a routing strategy, then freezes it.", Result = "Beats Switch Transformer." };
        var right = new ComparisonSide(2, "deep5k", "DeepSeekMoE", "Jan 11, 2024", null) { Method = "Splits experts finely." };
        var reply = PaperBotAssistant.FromAnswer(new Answer
        {
            Question = "compare StableMoE and DeepSeekMoE",
            Sentences = [new("x", [1]), new("y", [2])],
            Citations = [new Citation(1, "stab1e", "StableMoE", left.Url, left.Date), new Citation(2, "deep5k", "DeepSeekMoE", null, right.Date)],
            Basis = AnswerBasis.Abstracts,
            Blocks = [new ComparisonBlock(left, right, [new AnswerSentence("DeepSeekMoE compares itself with GShard.", [2])])],
        });

        var message = Assert.Single(Rendered(reply));

        var fields = message["embeds"]![0]!["fields"]!.AsArray();
        Assert.Equal(2, fields.Count);
        Assert.All(fields, f => Assert.True(f!["inline"]!.GetValue<bool>()));
        Assert.Equal("[1] StableMoE", fields[0]!["name"]!.GetValue<string>());
        Assert.Equal("**Method:** Learns a routing strategy, then freezes it.\n**Result:** Beats Switch Transformer.\n`stab1e` · Apr 18, 2022 · [link](https://arxiv.org/abs/2204.08396)", fields[0]!["value"]!.GetValue<string>());
        Assert.StartsWith("**Method:** Splits experts finely.\n`deep5k`", fields[1]!["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("DeepSeekMoE compares itself with GShard. [2]", Description(message));
    }

    [Fact]
    public void Buttons_carry_only_the_action_and_paper_id_within_discords_component_limits()
    {
        var reply = new ChatReply { Kind = ReplyKind.SearchResults, Heading = "Papers matching \"moe\"", Sources = Enumerable.Range(1, 8).Select(n => Source(n)).ToList() };

        var message = Assert.Single(Rendered(reply));

        var buttons = message["components"]!.AsArray().SelectMany(r => r!["components"]!.AsArray()).ToList();
        Assert.Equal(15, buttons.Count);
        Assert.All(buttons, b =>
        {
            var id = b!["custom_id"]!.GetValue<string>();
            Assert.True(PaperActionPayload.TryParse(id, out _, out var paperId));
            Assert.Matches("^p0000[1-5]$", paperId);
        });
        Assert.Equal("Papers matching \"moe\"", message["embeds"]![0]!["title"]!.GetValue<string>());
    }

    [Fact]
    public void A_heading_longer_than_an_embed_title_is_clipped_and_a_problem_is_a_plain_line()
    {
        var message = Assert.Single(Rendered(new ChatReply { Kind = ReplyKind.Help, Heading = new string('h', 400), Body = [new("line", [])] }));
        Assert.Equal(256, message["embeds"]![0]!["title"]!.GetValue<string>().Length);

        var problem = Assert.Single(Rendered(ChatReply.Problem("No *such* paper.")));
        Assert.Equal(@"No \*such\* paper.", problem["content"]!.GetValue<string>());
        Assert.Null(problem["embeds"]);
    }

    [Fact]
    public void Digest_embeds_carry_no_internal_field_and_posted_by_the_bot_each_paper_gets_its_buttons()
    {
        var items = Enumerable.Range(1, 12).Select(i => new DigestItem($"d{i:00000}", $"Digest paper {i}", "It does a thing. It works.", $"https://example.org/d{i}", i, "Nov 25, 2026", [])).ToList();
        var content = new DigestContent("12 new papers", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 12, items, "Ask about any of them.");

        var webhook = DiscordDigestFormatter.Render(content);
        var posted = DiscordDigestFormatter.Render(content, withButtons: true);

        var json = JsonSerializer.Serialize(webhook[0].Embeds);
        Assert.DoesNotContain("CountedLength", json, StringComparison.Ordinal);
        Assert.DoesNotContain("counted_length", JsonSerializer.Serialize(webhook[0].Embeds, DiscordJson.Options), StringComparison.Ordinal);
        Assert.All(webhook, m => Assert.Null(m.Components));
        Assert.Equal(3, posted.Count);
        foreach (var part in posted)
        {
            Assert.Equal(part.Embeds!.Count, part.Components!.Count);
            var wire = Wire(part);
            Assert.Empty(DiscordMessageLimits.Violations(wire));
        }
        Assert.Equal("pb:abs:d00006", posted[1].Components![0].Components![0].CustomId);
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
}
