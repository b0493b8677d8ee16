using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using PaperBot.Host.Channels.Teams;
using PaperBot.Tests.Discord;
using PaperBot.Tests.Llm;
using PaperBot.Tests.Teams;

namespace PaperBot.Tests.Storage;

/// <summary>
/// Two in-process replicas on one PostgreSQL database, each on a fake clock of its own, and one loopback Bot Connector:
/// a Teams message accepted by a replica that is alive but slow past its hold gets exactly one reply, whichever replica
/// sends it. A's clock never moves (its hold renewals are starved, as on a CPU-starved machine); B's clock is moved past
/// A's hold. Nothing here waits for a time to pass: each step waits for an event (a request at a loopback server, a
/// counter) that the step before caused.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SlowReplicaReplyTests(PostgresClusterFixture cluster)
{
    private const int LeaseSeconds = 6;

    private Dictionary<string, string?> Settings(string database, FakeBotConnector connector, FakeChatCompletionsServer? model = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = cluster.Server.ConnectionString(database),
            ["Storage:PasswordVariable"] = PostgresServer.PasswordVariable,
            ["Storage:WorkLeaseSeconds"] = LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Teams in local development mode (no Teams:AppId): unauthenticated activities from this machine.
            ["Teams:AllowedServiceUrls:0"] = connector.BaseUrl,
            ["Teams:MaxRetryAttempts"] = "0",
        };
        if (model is not null)
        {
            settings["Llm:Provider"] = "openai-compatible";
            settings["Llm:Endpoint"] = model.BaseUrl;
            settings["Llm:Model"] = "test-model";
            settings["Llm:TimeoutSeconds"] = "600";
        }
        return settings;
    }

    private static Action<IServiceCollection> Clock(TimeProvider clock) => services => services.Replace(ServiceDescriptor.Singleton(clock));

    [PostgresFact]
    public async Task A_replica_slow_past_its_hold_does_not_reply_to_a_message_the_other_replica_took_over_and_answered()
    {
        var database = cluster.Server.CreateDatabase();
        await using var discord = await FakeDiscordServer.StartAsync();
        await using var connector = await FakeBotConnector.StartAsync();
        var modelClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var model = await FakeChatCompletionsServer.StartAsync(modelClock);
        // A composes with a model that answers only when the test moves the model's clock: A is stalled mid-answer.
        model.ReplyAlways(ScriptedReply.Completion("from the stalled replica [1].") with { Delay = TimeSpan.FromHours(1) });
        var clockA = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var clockB = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var a = await PaperBotTestServer.StartAsync(discord, Settings(database, connector, model), services: Clock(clockA));
        await using var b = await PaperBotTestServer.StartAsync(discord, Settings(database, connector), services: Clock(clockB));
        var conversation = TeamsServerFixture.NewConversationId();
        var id = await PostMessageAsync(a, connector, conversation, "which papers are about speculative decoding?");
        await model.ReceivedAsync(1);

        // B's clock passes A's hold (A renews nothing: its clock stands still); B takes the message over and answers.
        var startB = clockB.GetUtcNow();
        await Eventually.TrueAsync(() => connector.MessagesInReplyTo(conversation, id).Count >= 1, () => "B's answer after taking the message over",
            TimeSpan.FromSeconds(90), eachRound: () =>
            {
                if (clockB.GetUtcNow() - startB < TimeSpan.FromMinutes(5))
                {
                    clockB.Advance(TimeSpan.FromMilliseconds(200));
                }
            });

        // A resumes: its model answers, it composes its reply and comes to send it.
        var adapterA = a.App.Services.GetRequiredService<TeamsAdapter>();
        model.ReplyAlways(ScriptedReply.Completion("from the stalled replica [1]."));
        modelClock.Advance(TimeSpan.FromHours(2));
        await Eventually.TrueAsync(() => adapterA.ProcessedTurns >= 1, "A done with the turn it had stalled on", TimeSpan.FromSeconds(60));

        var reply = Assert.Single(connector.MessagesInReplyTo(conversation, id));
        Assert.DoesNotContain("stalled replica", reply.Body, StringComparison.Ordinal);
        Assert.Contains("[1]", reply.Body, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => Unfinished(database) == 0, "the message finished in the journal");
    }

    [PostgresFact]
    public async Task A_replica_that_began_its_reply_before_its_hold_ran_out_is_left_to_finish_it()
    {
        var database = cluster.Server.CreateDatabase();
        await using var discord = await FakeDiscordServer.StartAsync();
        // The connector holds every send until the test moves its clock: A's reply is in flight.
        var connectorClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var connector = await FakeBotConnector.StartAsync(connectorClock);
        connector.SendDelay = TimeSpan.FromHours(1);
        var clockA = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var a = await PaperBotTestServer.StartAsync(discord, Settings(database, connector), services: Clock(clockA));
        var adapterA = a.App.Services.GetRequiredService<TeamsAdapter>();
        var conversation = TeamsServerFixture.NewConversationId();
        var id = await PostMessageAsync(a, connector, conversation, "which papers are about speculative decoding?");
        await Eventually.TrueAsync(() => adapterA.ComposedTurns >= 1, "A's reply composed and handed to its delivery", TimeSpan.FromSeconds(60));

        // B starts with its clock past A's hold (A renewed nothing since), and looks for unfinished work as it starts.
        var clockB = new FakeTimeProvider(clockA.GetUtcNow() + TimeSpan.FromSeconds(LeaseSeconds + 1));
        await using var b = await PaperBotTestServer.StartAsync(discord, Settings(database, connector), services: Clock(clockB));
        connector.SendDelay = TimeSpan.Zero;
        connectorClock.Advance(TimeSpan.FromHours(2));
        await Eventually.TrueAsync(() => adapterA.ProcessedTurns >= 1, "A's reply delivered", TimeSpan.FromSeconds(60));

        // A later message in the same conversation, to B: one lane and one send queue per conversation, so a reply B
        // owed to the first message would reach the connector before this one's.
        var later = await PostMessageAsync(b, connector, conversation, "and which are about preference optimization?");
        await Eventually.TrueAsync(() => connector.MessagesInReplyTo(conversation, later).Count >= 1, "B's answer to the later message", TimeSpan.FromSeconds(60));

        Assert.Single(connector.MessagesInReplyTo(conversation, id));
        await Eventually.TrueAsync(() => Unfinished(database) == 0, "both messages finished in the journal");
    }

    private static async Task<string> PostMessageAsync(PaperBotTestServer server, FakeBotConnector connector, string conversation, string text)
    {
        var activity = TeamsServerFixture.MessageActivity(connector.ServiceUrl, conversation, text);
        using var content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await server.Http.PostAsync("/api/messages", content);
        response.EnsureSuccessStatusCode();
        return activity["id"]!.GetValue<string>();
    }


    private long Unfinished(string database)
    {
        using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(cluster.Server.ConnectionString(database)) { Password = cluster.Server.Password }.ConnectionString);
        connection.Open();
        using var cmd = new Npgsql.NpgsqlCommand("SELECT count(*) FROM accepted_work WHERE payload IS NOT NULL", connection);
        return (long)cmd.ExecuteScalar()!;
    }
}
