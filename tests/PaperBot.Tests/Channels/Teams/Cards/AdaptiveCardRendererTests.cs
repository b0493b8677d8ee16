using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using PaperBot.Core.Answering;
using PaperBot.Core.Chat;
using PaperBot.Core.Presentation;
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

    private static JsonNode Card(Activity activity) => activity.Attachments!.Single().Content!;

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
        var texts = TextsOf(card).ToList();

        // An unescaped "[text](target)" is a link in Teams markdown; only the source's own link may be one.
        var links = texts.SelectMany(t => MarkdownLink().Matches(t)).Select(m => m.Groups["target"].Value).ToList();
        Assert.Equal(["https://example.org/paper"], links);
        Assert.DoesNotContain(texts, t => t.Contains("**bold**", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains(@"\[x\]\(https://evil.example/p)", StringComparison.Ordinal));
        Assert.EndsWith(" [1]", texts.Single(t => t.StartsWith("A claim", StringComparison.Ordinal)), StringComparison.Ordinal); // citation markers stay as they are
        Assert.Contains("search [x](https://evil.example/p)", card["fallbackText"]!.GetValue<string>(), StringComparison.Ordinal); // plain text stays plain
    }

    /// <summary>Every TextBlock's text, however deep in containers and columns it sits.</summary>
    private static IEnumerable<string> TextsOf(JsonNode? node) => node switch
    {
        JsonObject o => (o["type"]?.GetValue<string>() == "TextBlock" && o["text"] is { } t ? [t.GetValue<string>()] : Enumerable.Empty<string>())
            .Concat(o.Where(p => p.Key != "text").SelectMany(p => TextsOf(p.Value))),
        JsonArray a => a.SelectMany(TextsOf),
        _ => [],
    };

    [GeneratedRegex(@"(?<!\\)\[(?<text>(?:[^\]\\]|\\.)*)(?<!\\)\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [Fact]
    public void A_long_answer_is_split_between_sentences_and_each_part_carries_the_sources_it_cites()
    {
        var reply = LongAnswer(40);

        var activities = Renderer(12_000).Render(reply);

        Assert.True(activities.Count > 1);
        var prose = new List<string>();
        for (var i = 0; i < activities.Count; i++)
        {
            Assert.True(JsonSerializer.SerializeToUtf8Bytes(activities[i], TeamsJson.Options).Length <= 12_000);
            Assert.Null(activities[i].Text);
            var card = Card(activities[i]);
            var texts = CardText.Texts(card["body"]).ToList();
            Assert.Equal(i == 0, texts.Contains("A long answer"));
            Assert.Equal(i == activities.Count - 1, texts.Contains("Based on the papers' abstracts."));
            Assert.Contains($"Part {i + 1} of {activities.Count}", texts);
            var paragraph = texts.Single(t => t.StartsWith("Claim ", StringComparison.Ordinal));
            prose.Add(paragraph);
            foreach (var n in Marker().Matches(paragraph).Select(m => m.Groups[1].Value).Distinct())
            {
                Assert.Contains(texts, t => t.StartsWith($"**[{n}]** ", StringComparison.Ordinal));
            }
            Assert.Equal("1.5", card["version"]!.GetValue<string>());
            Assert.Contains("Claim", card["fallbackText"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        // Nothing lost, nothing reordered, no sentence cut in two.
        Assert.Equal(string.Join(" ", reply.Body.Select(s => s.Render())), string.Join(" ", prose));
    }

    [Fact]
    public void A_list_is_one_container_per_paper_with_its_buttons_and_no_sources_section()
    {
        var citations = Enumerable.Range(1, 6).Select(n => new Citation(n, $"p{n:00000}", $"Paper [{n}]", n == 1 ? "https://example.org/1" : null, "Jan 2, 2024")).ToList();
        var reply = PaperBotAssistant.FromAnswer(new Answer
        {
            Question = "papers by someone",
            Sentences = [new("I found 6 papers with someone as an author:", []), .. citations.Select(c => new AnswerSentence(c.Title + " (Jan 2, 2024)", [c.N]))],
            Citations = citations,
            Basis = AnswerBasis.Metadata,
        });

        var card = Card(Assert.Single(Renderer(24_000).Render(reply)));

        var containers = card["body"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "Container").ToList();
        Assert.Equal(6, containers.Count);
        Assert.Equal("**[1]** [Paper (1)](https://example.org/1)", containers[0]!["items"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(@"**[2]** **Paper \[2\]**", containers[1]!["items"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("Jan 2, 2024 · p00002", containers[1]!["items"]![1]!["text"]!.GetValue<string>());
        Assert.DoesNotContain("Sources", CardText.Texts(card["body"]));
        Assert.Equal(18, CardText.Payloads(card).Count());
        var first = containers[0]!["items"]!.AsArray().Last()!;
        Assert.Equal("ActionSet", first["type"]!.GetValue<string>());
        Assert.Equal(["Abstract", "Similar papers", "Ask about this paper"], first["actions"]!.AsArray().Select(a => a!["title"]!.GetValue<string>()));
    }

    [Fact]
    public void A_comparison_is_a_column_set_with_method_and_result_under_each_paper()
    {
        var left = new ComparisonSide(1, "stab1e", "StableMoE", "Apr 18, 2022", null) { Method = "Freezes a distilled router.", Result = "Beats Switch." };
        var right = new ComparisonSide(2, "deep5k", "DeepSeekMoE", "Jan 11, 2024", null) { Method = "Fine-grained experts." };
        var reply = new ChatReply
        {
            Kind = ReplyKind.Answer,
            Sources = [new Citation(1, "stab1e", "StableMoE", null, null), new Citation(2, "deep5k", "DeepSeekMoE", null, null)],
            Blocks = [new ComparisonBlock(left, right, [])],
        };

        var card = Card(Assert.Single(Renderer(24_000).Render(reply)));

        var columns = card["body"]![0]!["items"]![0]!["columns"]!.AsArray();
        Assert.Equal(2, columns.Count);
        Assert.Equal(["**[1]** **StableMoE**", "Apr 18, 2022 · stab1e", "Method", "Freezes a distilled router.", "Result", "Beats Switch."], CardText.Texts(columns[0]));
        Assert.Equal(["**[2]** **DeepSeekMoE**", "Jan 11, 2024 · deep5k", "Method", "Fine-grained experts."], CardText.Texts(columns[1]));
        Assert.Equal(6, CardText.Payloads(card).Count());
        Assert.DoesNotContain("Sources", CardText.Texts(card["body"]));
    }

    [Fact]
    public void A_single_sentence_larger_than_a_message_is_shortened_but_keeps_its_citation()
    {
        var reply = new ChatReply
        {
            Kind = ReplyKind.Answer,
            Heading = "Huge",
            Body = [new AnswerSentence(new string('x', 50_000), [1])],
            Sources = [new Citation(1, "big001", "Big", null, null)],
        };

        var activity = Assert.Single(Renderer().Render(reply));

        Assert.True(JsonSerializer.SerializeToUtf8Bytes(activity, TeamsJson.Options).Length <= Budget);
        var texts = CardText.Texts(Card(activity)["body"]).ToList();
        Assert.Contains(texts, t => t.EndsWith("… [1]", StringComparison.Ordinal));
        Assert.Contains("**[1]** **Big**", texts);
    }

    [GeneratedRegex(@"(?<!\*\*)\[(\d+)\](?!\*\*)")]
    private static partial Regex Marker();
}
