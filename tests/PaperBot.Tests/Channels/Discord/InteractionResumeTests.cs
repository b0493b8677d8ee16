using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
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
            Assert.NotNull(journal.TryAccept(DiscordInteractionHandler.JournalChannel, id,
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

    [Fact]
    public async Task An_interaction_acknowledged_while_the_server_starts_is_answered_once()
    {
        // One from a process that died (so the worker resumes something and says so), and one acknowledged by this
        // process after it listens but before start-up has finished: the second is queued by the endpoint itself and
        // must not be resumed as well.
        var directory = Directory.CreateTempSubdirectory("paperbot-resume-");
        var database = Path.Combine(directory.FullName, "paperbot.db");
        var previous = PaperBotTestServer.NewInteractionId();
        Assert.NotNull(new AcceptedWorkJournal(new SqliteConnectionFactory(database), TimeProvider.System).TryAccept(DiscordInteractionHandler.JournalChannel, previous,
            PaperBotTestServer.Command("ask", "question", "which papers are about speculative decoding?", token: "tok-previous", userId: "7401", interactionId: previous)));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var signer = new TestSigner();
        var log = new PaperBot.Tests.Reliability.CapturingLoggerProvider();
        var duringStartJson = PaperBotTestServer.Command("ask", "question", "what is speculative decoding?", token: "tok-during-start", userId: "7402");
        AskWhileStarting? duringStart = null;

        await using var discord = await FakeDiscordServer.StartAsync();
        await using (var server = await PaperBotTestServer.StartAsync(discord, new Dictionary<string, string?>
        {
            ["PaperBot:Database"] = database,
            ["Discord:Workers"] = "1", // one worker takes the queue in order: the barrier below relies on it
            ["Logging:LogLevel:PaperBot.Host.Channels.Discord.Commands.DiscordInteractionWorker"] = "Information",
        }, signer, services =>
        {
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(log);
            services.AddSingleton<Microsoft.Extensions.Hosting.IHostedService>(sp =>
                duringStart = new AskWhileStarting(sp.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>(), signer, duringStartJson));
        }))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, duringStart?.Acknowledged);
            // Barrier: the resume has queued all it will queue, then a question asked now is answered after all of it.
            await Eventually.TrueAsync(() => log.Lines.Any(l => l.Contains("Resuming", StringComparison.Ordinal)), "the worker resuming");
            using (var last = await server.PostInteractionAsync(PaperBotTestServer.Command("ask", "question", "what is a mixture of experts?", token: "tok-after-start", userId: "7403")))
            {
                Assert.Equal(System.Net.HttpStatusCode.OK, last.StatusCode);
            }
            await Eventually.TrueAsync(() => discord.RequestsTo(OriginalPath("tok-after-start"), "PATCH").Count > 0, "the answer asked last", timeout: TimeSpan.FromSeconds(90));

            Assert.Single(discord.RequestsTo(OriginalPath("tok-previous"), "PATCH"));
            var answers = discord.RequestsTo(OriginalPath("tok-during-start"), "PATCH");
            Assert.True(answers.Count == 1, $"{answers.Count} edits of the reply: " + string.Join(" || ", answers.Select(a => a.Json.ToString())));
            Assert.Contains(log.Lines, l => l.Contains("Resuming 1 interactions", StringComparison.Ordinal));
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        directory.Delete(recursive: true);
    }

    /// <summary>
    /// Asks once the server listens and before the application counts as started: hosted services' StartedAsync runs
    /// after the web server has started and before ApplicationStarted, which is when the worker begins.
    /// </summary>
    private sealed class AskWhileStarting(Microsoft.AspNetCore.Hosting.Server.IServer server, TestSigner signer, string json) : Microsoft.Extensions.Hosting.IHostedLifecycleService
    {
        public System.Net.HttpStatusCode? Acknowledged { get; private set; }

        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StartedAsync(CancellationToken cancellationToken)
        {
            var address = server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            var body = System.Text.Encoding.UTF8.GetBytes(json);
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/discord/interactions") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation("X-Signature-Ed25519", signer.Sign(timestamp, body));
            request.Headers.TryAddWithoutValidation("X-Signature-Timestamp", timestamp);
            using var response = await http.SendAsync(request, cancellationToken);
            Acknowledged = response.StatusCode;
        }

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
