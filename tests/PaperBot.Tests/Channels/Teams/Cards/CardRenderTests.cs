using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PaperBot.Core.Answering;
using PaperBot.Core.Chat;
using PaperBot.Core.Digest;
using PaperBot.Host.Channels.Teams;
using PaperBot.Host.Channels.Teams.Cards;
using PaperBot.Host.Digest.Teams;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.CardRender;

/// <summary>
/// Every kind of card the bot sends in Teams, built from the real corpus, drawn by the official Adaptive Cards
/// renderer in headless chromium: any parse or validation warning fails the test, and each drawing is saved as a PNG
/// (tests/PaperBot.Tests/bin/.../card-renders/) to look at.
/// </summary>
public sealed class CardRenderTests : IClassFixture<CorpusFixture>, IDisposable
{
    private readonly CorpusFixture corpus;
    private readonly CardBrowser browser = new();
    private readonly PaperBotAssistant assistant;
    private readonly AdaptiveCardRenderer renderer = new(Options.Create(new TeamsOptions()));

    public CardRenderTests(CorpusFixture corpus)
    {
        this.corpus = corpus;
        var db = corpus.Database;
        assistant = new PaperBotAssistant(new ExtractiveAnswerService(db.Answerer, new PaperFocusedAnswerer(db.Searcher, db.Store, Options.Create(new AnsweringOptions()))), db.Searcher, db.Store);
    }

    public void Dispose() => browser.Dispose();

    private async Task<ChatReply> AskAsync(string question) =>
        PaperBotAssistant.FromAnswer((await corpus.Database.Answerer.RespondAsync(question)).Answer);

    private void AssertRendersCleanly(ChatReply reply, string name) => AssertRendersCleanly(renderer.Render(reply).Select(a => (JsonObject)a.Attachments![0].Content!).ToList(), name);

    private void AssertRendersCleanly(IReadOnlyList<JsonObject> cards, string name)
    {
        Assert.NotEmpty(cards);
        for (var i = 0; i < cards.Count; i++)
        {
            var file = cards.Count == 1 ? name : $"{name}-{i + 1}";
            var problems = browser.Render(cards[i].ToJsonString(), file);
            Assert.True(problems.Count == 0, $"{file}: " + string.Join("; ", problems));
            Assert.True(browser.Height() > 40, $"{file} drew nothing");
        }
    }

    [ChromiumAvailableFact]
    public async Task Every_kind_of_card_parses_validates_and_renders_in_the_official_renderer()
    {
        // An answer (prose with sources), a list, a comparison, the abstract card, search results, help, an error.
        AssertRendersCleanly(await AskAsync("what is speculative decoding good for?"), "answer");
        AssertRendersCleanly(await AskAsync("papers by Damai Dai"), "list");
        AssertRendersCleanly(await AskAsync("which papers tackle continual relation extraction?"), "topic-list");
        var comparison = await AskAsync("compare StableMoE and DeepSeekMoE");
        AssertRendersCleanly(comparison, "comparison");
        var someId = assistant.Search("mixture of experts").Sources[0].Id;
        AssertRendersCleanly(assistant.PaperDetails(someId), "abstract");
        AssertRendersCleanly(assistant.Similar(someId), "similar");
        AssertRendersCleanly(PaperBotAssistant.Help(), "help");
        AssertRendersCleanly(ChatReply.Problem(TeamsCardActions.Unrecognised), "error");

        // The digest's cards, from real papers.
        var papers = corpus.Database.Searcher.Search("language model", 4).Hits.Select(h => h.Paper).ToList();
        var items = papers.Select(p => new DigestItem(p.Id, p.Title, ExtractiveSummarizer.Summarize(p.Abstract), p.PrimaryLink, p.Upvotes, p.Date?.ToDisplay(), ["language model"])).ToList();
        var digest = new DigestContent("4 new papers", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 4, items, "Ask about any of them with the buttons, or by id: paper " + items[0].PaperId);
        AssertRendersCleanly(TeamsDigestFormatter.Render(digest).Select(m => m.Card!).ToList(), "digest");
    }

    [ChromiumAvailableFact]
    public void A_card_that_breaks_the_schema_is_caught()
    {
        // The check must be able to fail: an unknown element type and a bad enum value are reported.
        var bad = JsonNode.Parse("""
            {"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"x","size":"Gigantic"},{"type":"NoSuchElement"}]}
            """)!.AsObject();

        var problems = browser.Render(bad.ToJsonString(), "broken");

        Assert.NotEmpty(problems);
    }
}
