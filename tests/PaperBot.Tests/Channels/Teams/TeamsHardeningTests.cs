using System.Net;
using System.Text.Json.Nodes;
using PaperBot.Host.Channels.Teams;

namespace PaperBot.Tests.Teams;

/// <summary>Nothing an activity holds, with or without a valid token, may fail the endpoint or a turn.</summary>
[Collection(TeamsServerCollection.Name)]
public sealed class TeamsHardeningTests(AuthenticatedTeamsServer server)
{
    private FakeBotConnector Connector => server.Connector;

    [Theory]
    [InlineData("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d")] // JWE-shaped: a FormatException before
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e30")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln")]
    [InlineData("e30.e30.")]
    [InlineData("...")]
    [InlineData("%%%.%%%.%%%")]
    public async Task A_bearer_that_is_not_a_signed_jwt_is_refused_with_401(string bearer)
    {
        using var response = await server.PostActivityAsync(server.Message(TeamsServerFixture.NewConversationId(), "help"), bearer);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Null_entries_in_entities_and_member_lists_are_ignored_and_the_message_answered()
    {
        var conversation = TeamsServerFixture.NewConversationId("channel");
        var message = server.Message(conversation, "help", "channel", mentionBot: true);
        ((JsonArray)message["entities"]!).Add(null);
        ((JsonArray)message["entities"]!).Insert(0, null);
        var id = message["id"]!.GetValue<string>();
        using (var response = await server.PostActivityAsync(message, server.ValidToken()))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var reply = (await Connector.WaitForAsync(r => r.ConversationId == conversation && r.ReplyToId == id)).Single();
        Assert.NotEqual(TeamsAdapter.Apology, reply.Node!["text"]?.GetValue<string>());

        foreach (var list in new[] { "membersAdded", "membersRemoved" })
        {
            var update = server.Message(conversation, "", "channel");
            update["type"] = "conversationUpdate";
            update[list] = new JsonArray { null, new JsonObject { ["id"] = "29:someone" } };
            using var response = await server.PostActivityAsync(update, server.ValidToken());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        // The bot is still in the conversation and still answers there.
        var after = server.Message(conversation, "help", "channel", mentionBot: true);
        using (var response = await server.PostActivityAsync(after, server.ValidToken()))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        await Connector.WaitForAsync(r => r.ConversationId == conversation && r.ReplyToId == after["id"]!.GetValue<string>());
        Assert.DoesNotContain(Connector.ConnectorCalls(conversation), r => r.Node?["text"]?.GetValue<string>() == TeamsAdapter.Apology);
    }

    [Fact]
    public async Task The_same_activity_delivered_twice_is_answered_once()
    {
        var conversation = TeamsServerFixture.NewConversationId();
        var message = server.Message(conversation, "help");
        var id = message["id"]!.GetValue<string>();
        for (var i = 0; i < 2; i++)
        {
            using var response = await server.PostActivityAsync(message, server.ValidToken());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        await Connector.WaitForAsync(r => r.ConversationId == conversation && r.ReplyToId == id && r.ActivityType == "message");
        // A later message in the same conversation is answered after the first, so a second answer would be there by now.
        var later = server.Message(conversation, "help");
        using (var response = await server.PostActivityAsync(later, server.ValidToken()))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        await Connector.WaitForAsync(r => r.ConversationId == conversation && r.ReplyToId == later["id"]!.GetValue<string>() && r.ActivityType == "message");
        Assert.Single(Connector.ConnectorCalls(conversation), r => r.ReplyToId == id && r.ActivityType == "message");
    }
}
