using System.Net;
using PaperBot.Host.Channels.Teams;

namespace PaperBot.Tests.Teams;

/// <summary>Few turn lanes and long retry waits: what a connector that drops connections did to the turn queue.</summary>
public sealed class NarrowLanesTeamsServer() : TeamsServerFixture(authenticated: true)
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Teams:TurnConcurrency"] = "2";
        settings["Teams:TurnQueueCapacity"] = "8";
        settings["Teams:MaxRetryAttempts"] = "2";
        settings["Teams:RetryBaseDelay"] = "00:00:02";
        settings["Teams:MaxRetryDelay"] = "00:00:03";
    }
}

public sealed class DroppingConnectorTests(NarrowLanesTeamsServer server) : IClassFixture<NarrowLanesTeamsServer>
{
    [Fact]
    public async Task Retries_against_a_connector_that_drops_connections_do_not_fill_the_turn_lanes()
    {
        // Before: each turn held its lane through its typing indicator's and answer's retries (seconds), so a burst
        // filled the two lanes' eight places and got 503 "busy".
        server.Connector.AbortSends = true;
        var adapter = server.Service<TeamsAdapter>();
        var before = adapter.ProcessedTurns;
        const int burst = 30;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < burst; i++)
        {
            using var response = await server.PostActivityAsync(server.Message(TeamsServerFixture.NewConversationId(), "help"), server.ValidToken());
            statuses.Add(response.StatusCode);
        }
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        await Eventually.TrueAsync(() => adapter.ProcessedTurns >= before + burst, "every delivery given up", timeout: TimeSpan.FromMilliseconds(60_000));
        Assert.True(server.Connector.AbortedSends >= burst);

        server.Connector.AbortSends = false;
        var conversation = TeamsServerFixture.NewConversationId();
        var message = server.Message(conversation, "help");
        using (var response = await server.PostActivityAsync(message, server.ValidToken()))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        await server.Connector.WaitForAsync(r => r.ConversationId == conversation && r.ReplyToId == message["id"]!.GetValue<string>());
    }
}
