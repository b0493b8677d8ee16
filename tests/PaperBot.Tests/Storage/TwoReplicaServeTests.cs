using System.Diagnostics;
using PaperBot.Tests.Digest;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Storage;

/// <summary>
/// Two real <c>paperbot serve</c> processes, each with its own SQLite index, sharing one PostgreSQL database: what a
/// user sees must not depend on which replica a request reaches.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TwoReplicaServeTests(PostgresClusterFixture cluster) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("paperbot-two-replicas-").FullName;

    private Dictionary<string, string> Environment(string database, string? inbox = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["PaperBot__Corpus"] = RepositoryPaths.Corpus,
            ["Storage__Provider"] = "Postgres",
            ["Storage__ConnectionString"] = cluster.Server.ConnectionString(database),
            ["Storage__PasswordVariable"] = PostgresServer.PasswordVariable,
            [PostgresServer.PasswordVariable] = cluster.Server.Password,
            ["Storage__SyncPollSeconds"] = "1",
            ["Web__Enabled"] = "true", // the replicas are asked through the web page's API
            ["Web__QuestionLimit"] = "1000",
        };
        if (inbox is not null)
        {
            environment["PaperBot__Inbox"] = inbox;
            environment["PaperBot__InboxPollSeconds"] = "1";
        }
        return environment;
    }

    [PostgresFact]
    public async Task A_question_to_one_replica_and_its_follow_up_to_the_other_are_answered_in_context_and_an_inbox_file_reaches_both()
    {
        var database = cluster.Server.CreateDatabase();
        var inbox = Directory.CreateDirectory(Path.Combine(_folder, "inbox")).FullName;
        await using var a = await ServeProcess.StartAsync(_folder, Path.Combine(_folder, "a.db"), Environment(database, inbox));
        await using var b = await ServeProcess.StartAsync(_folder, Path.Combine(_folder, "b.db"), Environment(database));

        var (conversation, first) = await a.AskAsync("which papers are about speculative decoding?");
        var listed = ServeProcess.SourceIds(first);
        Assert.True(listed.Count >= 2, first.ToString());
        var (same, followUp) = await b.AskAsync("and the second one?", conversation);

        Assert.Equal(conversation, same);
        Assert.Equal(listed[1], Assert.Single(ServeProcess.SourceIds(followUp)));

        // A listing dropped into A's inbox becomes searchable on B without anyone touching B.
        File.WriteAllText(Path.Combine(inbox, "today.txt"), TestPaper.About("origami folding robots with soft actuators").ToListing());
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (_, reply) = await b.AskAsync("which papers are about origami folding robots?");
            if (reply.GetProperty("sources").EnumerateArray().Any(s => s.GetProperty("title").GetString()!.Contains("origami", StringComparison.OrdinalIgnoreCase)))
            {
                break;
            }
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "B never found the paper dropped into A's inbox:\n" + a.Output + "\n" + b.Output);
            await Task.Delay(250);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
