using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core;
using PaperBot.Core.Chat;
using PaperBot.Host.Channels.Teams;
using PaperBot.Host.Channels.Teams.Auth;
using PaperBot.Host.Channels.Teams.Conversations;
using PaperBot.Host.Channels.Teams.Wire;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Teams;

/// <summary>A turn that fails is answered with an apology (and logged), never with silence.</summary>
public sealed class TeamsTurnErrorBoundaryTests
{
    /// <summary>A text command plugged in through the digest seam that fails the way a broken dependency would.</summary>
    private sealed class FailingCommand : ITeamsTextCommand
    {
        public Task<ChatReply?> TryHandleAsync(string text, ConversationReference conversation, CancellationToken cancellationToken) =>
            text == "explode" ? throw new InvalidOperationException("the digest store is unavailable") : Task.FromResult<ChatReply?>(null);
    }

    [Fact]
    public async Task A_failing_turn_gets_an_apology_threaded_to_the_question()
    {
        await using var connector = await FakeBotConnector.StartAsync();
        var directory = Directory.CreateTempSubdirectory("paperbot-boundary-");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PaperBot:Database"] = Path.Combine(directory.FullName, "paperbot.db"),
            ["PaperBot:Corpus"] = RepositoryPaths.Corpus,
        }).Build();
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddPaperBotCore(configuration)
            .AddPaperBotTeams(configuration)
            .AddSingleton<ITeamsTextCommand, FailingCommand>()
            .BuildServiceProvider();
        var adapter = services.GetRequiredService<TeamsAdapter>();
        var conversation = TeamsServerFixture.NewConversationId();
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = "question-1",
            ServiceUrl = connector.ServiceUrl,
            ChannelId = "msteams",
            From = new ChannelAccount("29:user"),
            Recipient = new ChannelAccount(TeamsServerFixture.BotId, "PaperBot"),
            Conversation = new ConversationAccount(conversation, "personal"),
            Text = "explode",
        };

        await adapter.ProcessAsync(new TeamsTurn(activity, InboundAuthOutcome.Anonymous), CancellationToken.None);
        // The reply (here the apology) is delivered off the turn's lane; the turn counts once it is delivered.
        await Eventually.TrueAsync(() => adapter.ProcessedTurns == 1, "the apology delivered");

        var apology = connector.ConnectorCalls(conversation).Single(r => r.ActivityType == "message");
        Assert.Equal("question-1", apology.ReplyToId);
        Assert.Equal(TeamsAdapter.Apology, apology.Node!["text"]!.GetValue<string>());
        Assert.Equal(1, adapter.ProcessedTurns);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        directory.Delete(recursive: true);
    }
}
