using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using PaperBot.Host.Channels.Teams;

namespace PaperBot.Tests.Teams;

/// <summary>
/// Few turn lanes and retry waits on a fake clock that only the test moves: a delivery retrying against a connector
/// that drops connections waits until the test says so, which is forever if it were still holding its turn's lane.
/// </summary>
public sealed class NarrowLanesTeamsServer() : TeamsServerFixture(authenticated: true)
{
    /// <summary>Starts at the real time so the tokens the test signs are current.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Teams:TurnConcurrency"] = "2";
        settings["Teams:TurnQueueCapacity"] = "8";
        settings["Teams:MaxRetryAttempts"] = "2";
        settings["Teams:RetryBaseDelay"] = "00:00:02";
        settings["Teams:MaxRetryDelay"] = "00:00:03";
    }

    protected override void ConfigureServices(IServiceCollection services) => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
}

public sealed class DroppingConnectorTests(NarrowLanesTeamsServer server) : IClassFixture<NarrowLanesTeamsServer>
{
    [Fact]
    public async Task Retries_against_a_connector_that_drops_connections_do_not_fill_the_turn_lanes()
    {
        // Before: each turn held its lane through its typing indicator's and answer's retries, so a burst filled the two
        // lanes' eight places and got 503 "busy". Now a turn gives its lane back once its reply is composed. Each turn
        // is waited for until it is composed, with the retry clock stopped: a turn that kept its lane while its
        // delivery waits to retry would never let the next one through, whatever the machine's speed.
        server.Connector.AbortSends = true;
        var adapter = server.Service<TeamsAdapter>();
        var processedBefore = adapter.ProcessedTurns;
        var composedBefore = adapter.ComposedTurns;
        const int burst = 30;
        for (var i = 0; i < burst; i++)
        {
            using (var response = await server.PostActivityAsync(server.Message(TeamsServerFixture.NewConversationId(), "help"), server.ValidToken()))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
            var composed = composedBefore + i + 1;
            await Eventually.TrueAsync(() => adapter.ComposedTurns >= composed, $"turn {i + 1} composed while the deliveries before it wait to retry");
        }
        Assert.Equal(processedBefore, adapter.ProcessedTurns); // every delivery is still waiting on the stopped clock

        // Let the retry waits pass: every delivery is given up after its attempts.
        await Eventually.TrueAsync(() =>
        {
            server.Clock.Advance(TimeSpan.FromSeconds(1));
            return adapter.ProcessedTurns >= processedBefore + burst;
        }, "every delivery given up");
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
