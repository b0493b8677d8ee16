using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PaperBot.Core.Storage;
using PaperBot.Host.Channels.Discord.Commands;
using PaperBot.Host.Reliability;

namespace PaperBot.Tests.Discord;

/// <summary>
/// Interactions acknowledged by a process that died are answered by the next one while their tokens live, their users
/// told when there is no longer time, and dropped (logged) once nobody can be told.
/// </summary>
public sealed class InteractionResumeTests
{
    private static string OriginalPath(string token) => $"webhooks/{FakeDiscordServer.ApplicationId}/{token}/messages/@original";

    [Fact]
    public async Task Acknowledged_interactions_are_resumed_after_a_restart_or_their_users_told()
    {
        var directory = Directory.CreateTempSubdirectory("paperbot-resume-");
        var database = Path.Combine(directory.FullName, "paperbot.db");
        var now = DateTimeOffset.UtcNow;
        void Acknowledged(string token, TimeSpan ago)
        {
            var journal = new AcceptedWorkJournal(new SqliteConnectionFactory(database), new FakeTimeProvider(now - ago));
            var id = PaperBotTestServer.NewInteractionId();
            Assert.True(journal.TryAccept(DiscordInteractionHandler.JournalChannel, id,
                PaperBotTestServer.Command("ask", "question", "which papers are about speculative decoding?", token: token, userId: "7400", interactionId: id)));
        }
        Acknowledged("tok-fresh", TimeSpan.FromMinutes(2));
        Acknowledged("tok-late", TimeSpan.FromMinutes(14.5));
        Acknowledged("tok-expired", TimeSpan.FromMinutes(16));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        await using var discord = await FakeDiscordServer.StartAsync();
        await using (var server = await PaperBotTestServer.StartAsync(discord, new Dictionary<string, string?> { ["PaperBot:Database"] = database }))
        {
            await Eventually.TrueAsync(() => discord.RequestsTo(OriginalPath("tok-fresh"), "PATCH").Count > 0, "the resumed answer", timeout: TimeSpan.FromSeconds(90));
            await Eventually.TrueAsync(() => discord.RequestsTo(OriginalPath("tok-late"), "PATCH").Count > 0, "the notice for the late one", timeout: TimeSpan.FromSeconds(90));
            var journal = new AcceptedWorkJournal(new SqliteConnectionFactory(database), TimeProvider.System);
            await Eventually.TrueAsync(() => journal.Pending(DiscordInteractionHandler.JournalChannel).Count == 0, "every acknowledged interaction finished", timeout: TimeSpan.FromSeconds(30));

            var answer = DiscordMessageText.Of(discord.RequestsTo(OriginalPath("tok-fresh"), "PATCH").Single().Json);
            Assert.Contains("[1]", answer, StringComparison.Ordinal);
            var notice = DiscordMessageText.Of(discord.RequestsTo(OriginalPath("tok-late"), "PATCH").Single().Json);
            Assert.Contains("restarted", notice, StringComparison.Ordinal);
            Assert.Empty(discord.RequestsTo(OriginalPath("tok-expired")));
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        directory.Delete(recursive: true);
    }
}
