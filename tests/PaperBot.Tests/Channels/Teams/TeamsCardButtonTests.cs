using System.Net;
using System.Text.Json.Nodes;
using PaperBot.Host.Channels.Teams.Cards;

namespace PaperBot.Tests.Teams;

/// <summary>Card buttons (Action.Submit as messageBack) through the real endpoint, authenticated as Teams sends them.</summary>
[Collection(TeamsServerCollection.Name)]
public sealed class TeamsCardButtonTests(AuthenticatedTeamsServer server)
{
    private FakeBotConnector Connector => server.Connector;

    /// <summary>A press as Teams delivers it: a message whose value is the card's, text the payload, in a channel and with no @mention.</summary>
    private JsonObject Press(string conversation, JsonNode? value, string? text = null)
    {
        var activity = server.Message(conversation, text ?? "", "channel");
        activity["value"] = value;
        if (text is null)
        {
            activity.Remove("text");
        }
        return activity;
    }

    private async Task<JsonNode> ReplyCardAsync(string conversation, JsonObject activity)
    {
        using var response = await server.PostActivityAsync(activity, server.ValidToken());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = activity["id"]!.GetValue<string>();
        var reply = (await Connector.WaitForAsync(r => r.ConversationId == conversation && r.ReplyToId == id)).Single();
        return reply.Node!["attachments"]![0]!["content"]!;
    }

    private static JsonObject Value(string payload) => new() { [AdaptiveCardRenderer.ValueProperty] = payload };

    [Fact]
    public async Task Abstract_in_a_channel_answers_without_a_mention_with_the_papers_card()
    {
        var conversation = TeamsServerFixture.NewConversationId("channel");

        var card = await ReplyCardAsync(conversation, Press(conversation, Value("pb:abs:s8y89a"), "pb:abs:s8y89a"));

        var texts = CardText.Texts(card["body"]).ToList();
        Assert.Contains("Id: s8y89a", texts);
        Assert.Contains("Abstract", texts);
        Assert.Equal(["pb:sim:s8y89a", "pb:ask:s8y89a"], CardText.Payloads(card));
    }

    [Fact]
    public async Task A_value_sent_as_a_json_string_is_read_too_and_similar_lists_other_papers()
    {
        var conversation = TeamsServerFixture.NewConversationId();

        var card = await ReplyCardAsync(conversation, Press(conversation, JsonValue.Create("""{"paperbot":"pb:sim:s8y89a"}""")));

        var texts = CardText.Texts(card["body"]).ToList();
        Assert.StartsWith("Papers like", texts[0], StringComparison.Ordinal);
        Assert.DoesNotContain(CardText.Payloads(card), p => p.EndsWith(":s8y89a", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("pb:abs:NOT AN ID")]
    [InlineData("pb:del:s8y89a")]
    [InlineData("")]
    public async Task A_forged_payload_gets_a_polite_refusal_in_a_warning_box(string payload)
    {
        var conversation = TeamsServerFixture.NewConversationId("channel");

        var card = await ReplyCardAsync(conversation, Press(conversation, Value(payload)));

        Assert.Equal("warning", card["body"]![0]!["style"]!.GetValue<string>());
        Assert.Equal(TeamsCardActions.Unrecognised, CardText.Of(card["body"]!));
    }

    [Fact]
    public async Task A_stale_paper_id_is_said_kindly()
    {
        var conversation = TeamsServerFixture.NewConversationId();

        var card = await ReplyCardAsync(conversation, Press(conversation, Value("pb:abs:zz9zz9")));

        Assert.Contains("no paper with the id", CardText.Of(card["body"]!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_about_this_paper_makes_it_the_subject_of_the_next_question()
    {
        var conversation = TeamsServerFixture.NewConversationId();
        var focus = await ReplyCardAsync(conversation, Press(conversation, Value("pb:ask:s8y89a")));
        var title = CardText.Texts(focus["body"]).First()["Asking about: ".Length..];

        var answer = await ReplyCardAsync(conversation, server.Message(conversation, "who wrote it?"));

        var text = CardText.Of(answer["body"]!);
        Assert.Contains(title, text, StringComparison.Ordinal);
        Assert.Contains("s8y89a", text, StringComparison.Ordinal);
    }
}
