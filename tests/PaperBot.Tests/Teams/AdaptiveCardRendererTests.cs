using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using PaperBot.Core.Answering;
using PaperBot.Core.Chat;
using PaperBot.Host.Channels.Teams;
using PaperBot.Host.Channels.Teams.Cards;
using PaperBot.Host.Channels.Teams.Wire;

namespace PaperBot.Tests.Teams;

public sealed partial class AdaptiveCardRendererTests
{
    private const int Budget = 6_000;

    private static AdaptiveCardRenderer Renderer(int budget = Budget) => new(Options.Create(new TeamsOptions { MaxActivityBytes = budget }));

    private static ChatReply LongAnswer(int sentences)
    {
        var sources = Enumerable.Range(1, 10)
            .Select(n => new Citation(n, $"id{n:000}", $"Paper number {n} about [brackets] and things", n % 2 == 0 ? $"https://example.org/paper/{n}" : null, "2024-05-01"))
            .ToList();
        var body = Enumerable.Range(0, sentences)
            .Select(i => new AnswerSentence($"Claim {i:000} " + string.Join(' ', Enumerable.Repeat("evidence", 30)) + ".", [i % 10 + 1, (i + 3) % 10 + 1]))
            .ToList();
        return new ChatReply { Kind = ReplyKind.Answer, Heading = "A long answer", Body = body, Sources = sources, Footer = "Based on the papers' abstracts." };
    }

    [Fact]
    public void The_users_own_markdown_and_the_papers_text_show_literally_never_as_links_or_formatting()
    {
        // The heading quotes the user's query; sentences and titles come from listing files anyone can write.
        const string evil = "search [x](https://evil.example/p) **bold** _it_ <at>all</at>";
        var reply = new ChatReply
        {
            Kind = ReplyKind.Answer,
            Heading = $"Papers matching \"{evil}\"",
            Body = [new AnswerSentence("A claim with [a link](https://evil.example/q) in it.", [1])],
            Sources = [new Citation(1, "abc123", "Title [click](https://evil.example/r)", "https://example.org/paper", "2024")],
            Footer = "Footer [f](https://evil.example/s)",
        };

        var card = Renderer().Render(reply).Single().Attachments![0].Content!.AsObject();
        var texts = card["body"]!.AsArray().Select(b => b!["text"]!.GetValue<string>()).ToList();

        // An unescaped "[text](target)" is a link in Teams markdown; only the source's own link may be one.
        var links = texts.SelectMany(t => MarkdownLink().Matches(t)).Select(m => m.Groups["target"].Value).ToList();
        Assert.Equal(["https://example.org/paper"], links);
        Assert.DoesNotContain(texts, t => t.Contains("**bold**", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains(@"\[x\]\(https://evil.example/p)", StringComparison.Ordinal));
        Assert.EndsWith(" [1]", texts.Single(t => t.StartsWith("A claim", StringComparison.Ordinal)), StringComparison.Ordinal); // citation markers stay as they are
        Assert.Contains("search [x](https://evil.example/p)", card["fallbackText"]!.GetValue<string>(), StringComparison.Ordinal); // plain text stays plain
    }

    [GeneratedRegex(@"(?<!\\)\[(?<text>(?:[^\]\\]|\\.)*)(?<!\\)\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [Fact]
    public void A_long_answer_is_split_between_sentences_and_each_part_carries_the_sources_it_cites()
    {
        var reply = LongAnswer(60);

        var activities = Renderer().Render(reply);

        Assert.True(activities.Count > 1);
        var prose = new List<string>();
        for (var i = 0; i < activities.Count; i++)
        {
            var activity = activities[i];
            Assert.True(JsonSerializer.SerializeToUtf8Bytes(activity, TeamsJson.Options).Length <= Budget);
            Assert.Null(activity.Text);
            var card = activity.Attachments!.Single().Content!;
            var texts = card["body"]!.AsArray().Select(b => b!["text"]!.GetValue<string>()).ToList();
            Assert.Equal(i == 0, texts.Contains("A long answer"));
            Assert.Equal(i == activities.Count - 1, texts.Contains("Based on the papers' abstracts."));
            Assert.Contains($"Part {i + 1} of {activities.Count}", texts);
            var paragraph = texts.Single(t => t.StartsWith("Claim ", StringComparison.Ordinal));
            prose.Add(paragraph);
            foreach (var n in Marker().Matches(paragraph).Select(m => m.Groups[1].Value).Distinct())
            {
                Assert.Contains(texts, t => t.StartsWith($"[{n}] **id{int.Parse(n, System.Globalization.CultureInfo.InvariantCulture):000}**", StringComparison.Ordinal));
            }
            var actions = card["actions"]?.AsArray() ?? [];
            Assert.True(actions.Count <= AdaptiveCardRenderer.MaxActions);
            Assert.All(actions, a => Assert.Equal("Action.OpenUrl", a!["type"]!.GetValue<string>()));
            Assert.Equal("1.5", card["version"]!.GetValue<string>());
            Assert.Contains("Claim", card["fallbackText"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        // Nothing lost, nothing reordered, no sentence cut in two.
        Assert.Equal(string.Join(" ", reply.Body.Select(s => s.Render())), string.Join(" ", prose));
    }

    [Fact]
    public void A_short_answer_is_one_card_without_part_labels_and_links_become_open_actions()
    {
        var reply = LongAnswer(3);

        var activity = Assert.Single(Renderer(24_000).Render(reply));

        var card = activity.Attachments!.Single().Content!;
        var texts = card["body"]!.AsArray().Select(b => b!["text"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain(texts, t => t.StartsWith("Part ", StringComparison.Ordinal));
        // Sentences cite 1..3 and 4..6; the uncited sources still close the answer on the last card.
        Assert.Equal(10, texts.Count(t => t.StartsWith('[')));
        var urls = card["actions"]!.AsArray().Select(a => a!["url"]!.GetValue<string>()).ToList();
        Assert.Equal(["https://example.org/paper/2", "https://example.org/paper/4", "https://example.org/paper/6", "https://example.org/paper/8", "https://example.org/paper/10"], urls);
        Assert.Contains(texts, t => t.Contains("[Paper number 2 about (brackets) and things](https://example.org/paper/2)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_single_sentence_larger_than_a_message_is_shortened_but_keeps_its_citation()
    {
        var reply = new ChatReply
        {
            Kind = ReplyKind.PaperDetails,
            Heading = "Huge",
            Body = [new AnswerSentence(new string('x', 50_000), [1])],
            Sources = [new Citation(1, "big001", "Big", null, null)],
        };

        var activity = Assert.Single(Renderer().Render(reply));

        Assert.True(JsonSerializer.SerializeToUtf8Bytes(activity, TeamsJson.Options).Length <= Budget);
        var texts = activity.Attachments!.Single().Content!["body"]!.AsArray().Select(b => b!["text"]!.GetValue<string>()).ToList();
        Assert.Contains(texts, t => t.EndsWith("… [1]", StringComparison.Ordinal));
        Assert.Contains("[1] **big001** — Big", texts);
        Assert.Null(activity.Attachments!.Single().Content!["actions"]);
    }

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex Marker();
}
