using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PaperBot.Host.Channels.Teams;
using PaperBot.Tests.Discord;
using PaperBot.Tests.Llm;
using PaperBot.Tests.Teams;

namespace PaperBot.Tests.Reliability;

/// <summary>
/// The SQLite journal: the next process on a file takes over what the previous one left, at its start. When the
/// previous process is in fact still running, slow (a restart whose old process has not stopped yet), it must not
/// answer what the new one took over: the user gets one reply. Two in-process servers on one SQLite file and a
/// loopback Bot Connector; the first server's model answers only when the test moves the model's clock.
/// </summary>
public sealed class SlowProcessReplyTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("paperbot-slow-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // a file still held by the OS; the temp folder is cleaned later
        }
    }

    [Fact]
    public async Task A_process_slow_past_the_next_start_does_not_reply_to_a_message_the_next_process_took_over_and_answered()
    {
        var database = Path.Combine(_directory.FullName, "paperbot.db");
        await using var discord = await FakeDiscordServer.StartAsync();
        await using var connector = await FakeBotConnector.StartAsync();
        var modelClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var model = await FakeChatCompletionsServer.StartAsync(modelClock);
        model.ReplyAlways(ScriptedReply.Completion("from the stalled process [1].") with { Delay = TimeSpan.FromHours(1) });
        Dictionary<string, string?> Settings(bool withModel)
        {
            var settings = new Dictionary<string, string?>
            {
                ["PaperBot:Database"] = database,
                ["Teams:AllowedServiceUrls:0"] = connector.BaseUrl,
                ["Teams:MaxRetryAttempts"] = "0",
            };
            if (withModel)
            {
                settings["Llm:Provider"] = "openai-compatible";
                settings["Llm:Endpoint"] = model.BaseUrl;
                settings["Llm:Model"] = "test-model";
                settings["Llm:TimeoutSeconds"] = "600";
            }
            return settings;
        }
        await using var first = await PaperBotTestServer.StartAsync(discord, Settings(withModel: true));
        var conversation = TeamsServerFixture.NewConversationId();
        var activity = TeamsServerFixture.MessageActivity(connector.ServiceUrl, conversation, "which papers are about speculative decoding?");
        var id = activity["id"]!.GetValue<string>();
        using (var content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"))
        using (var response = await first.Http.PostAsync("/api/messages", content))
        {
            response.EnsureSuccessStatusCode();
        }
        await model.ReceivedAsync(1);

        // The next process starts on the same file while the first is stalled, takes the message over and answers it.
        await using var next = await PaperBotTestServer.StartAsync(discord, Settings(withModel: false));
        await Eventually.TrueAsync(() => connector.MessagesInReplyTo(conversation, id).Count >= 1, "the next process's answer", TimeSpan.FromSeconds(90));

        // The first process resumes and comes to send its own reply.
        var firstAdapter = first.App.Services.GetRequiredService<TeamsAdapter>();
        model.ReplyAlways(ScriptedReply.Completion("from the stalled process [1]."));
        modelClock.Advance(TimeSpan.FromHours(2));
        await Eventually.TrueAsync(() => firstAdapter.ProcessedTurns >= 1, "the first process done with the turn it had stalled on", TimeSpan.FromSeconds(60));

        var reply = Assert.Single(connector.MessagesInReplyTo(conversation, id));
        Assert.DoesNotContain("stalled process", reply.Body, StringComparison.Ordinal);
        Assert.Contains("[1]", reply.Body, StringComparison.Ordinal);
    }

}
