using Microsoft.Extensions.Options;
using Npgsql;
using PaperBot.Core.Conversations;
using PaperBot.Core.Ingest;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Storage;
using PaperBot.Core.Storage.Postgres;
using PaperBot.Tests.Digest;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Storage;

/// <summary>
/// Replicas in one process sharing a real PostgreSQL database (a throwaway cluster): listings published by one are
/// searchable on the other, follow-ups hold across replicas, migrations run once however many replicas start.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresReplicaTests(PostgresClusterFixture cluster)
{
    [PostgresFact]
    public void A_new_replica_takes_the_corpus_from_the_shared_log_instead_of_ingesting_its_own()
    {
        var database = cluster.Server.CreateDatabase();
        using var a = new PostgresReplica(cluster.Server, database);
        using var b = new PostgresReplica(cluster.Server, database);

        var first = a.Get<CorpusBootstrapper>().EnsureIngested();
        var second = b.Get<CorpusBootstrapper>().EnsureIngested();

        Assert.NotNull(first);
        Assert.Null(second); // B found papers after catching up: it ingested nothing of its own
        Assert.True(a.Get<PaperStore>().CountPapers() > 400);
        Assert.Equal(a.Get<PaperStore>().CountPapers(), b.Get<PaperStore>().CountPapers());
        Assert.Equal(Directory.GetFiles(RepositoryPaths.Corpus).Length, (int)Count(database, "SELECT count(*) FROM listing_log"));
    }

    [PostgresFact]
    public void A_listing_ingested_on_one_replica_is_searchable_on_the_other_after_catching_up()
    {
        var database = cluster.Server.CreateDatabase();
        using var a = new PostgresReplica(cluster.Server, database);
        using var b = new PostgresReplica(cluster.Server, database);
        var file = a.WriteFile("new.txt", TestPaper.About("lattice cryptography for homomorphic inference").ToListing());

        var report = a.Get<IngestService>().Ingest([file]);
        Assert.Equal(1, report.New);
        Assert.Empty(b.Get<PaperSearcher>().Search("lattice cryptography homomorphic", 3).Hits);

        Assert.Equal(1, b.Get<IngestService>().CatchUpShared());
        var found = b.Get<PaperSearcher>().Search("lattice cryptography homomorphic", 3).Hits;
        Assert.Contains(found, h => h.Paper.Title.Contains("lattice cryptography", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(0, b.Get<IngestService>().CatchUpShared()); // nothing new the second time

        // The same name ingested again with other content replaces it everywhere, as it does on one machine.
        a.WriteFile("new.txt", TestPaper.About("tropical geometry of neural networks").ToListing());
        a.Get<IngestService>().Ingest([file]);
        b.Get<IngestService>().CatchUpShared();
        Assert.DoesNotContain(b.Get<PaperSearcher>().Search("lattice cryptography homomorphic", 3).Hits, h => h.Paper.Title.Contains("lattice", StringComparison.OrdinalIgnoreCase));
        Assert.NotEmpty(b.Get<PaperSearcher>().Search("tropical geometry", 3).Hits);
    }

    [PostgresFact]
    public async Task A_follow_up_that_reaches_another_replica_is_answered_in_context()
    {
        var database = cluster.Server.CreateDatabase();
        using var a = new PostgresReplica(cluster.Server, database);
        using var b = new PostgresReplica(cluster.Server, database);
        a.Get<CorpusBootstrapper>().EnsureIngested();
        b.Get<CorpusBootstrapper>().EnsureIngested();
        const string conversation = "discord:channel-1:user-7";

        var first = await a.Get<ConversationalAnswerService>().AnswerAsync("which papers are about speculative decoding?", conversation);
        Assert.True(first.Citations.Count >= 2, first.Text);
        var followUp = await b.Get<ConversationalAnswerService>().AnswerAsync("and the second one?", conversation);

        Assert.Equal(2, b.Get<IConversationStore>().CountTurns(conversation));
        Assert.Contains(followUp.Citations, c => c.Id == first.Citations[1].Id);
        Assert.Equal(0, a.Get<ConversationStore>().CountTurns(conversation)); // nothing went to the local SQLite history
    }

    [PostgresFact]
    public async Task Migrations_run_once_when_many_replicas_start_at_the_same_moment()
    {
        var database = cluster.Server.CreateDatabase();
        var replicas = Enumerable.Range(0, 6).Select(_ => new PostgresReplica(cluster.Server, database)).ToList();
        try
        {
            // Each replica on a thread of its own, released together, as separate processes start: on Task.Run they
            // shared the test process's thread pool (two threads on two cores), and there the six migrations ran about a
            // second apart (3.7 s in all at load 18, against 0.38 s on threads of their own), long enough under load 30
            // to run into a timeout.
            using var start = new Barrier(replicas.Count);
            await Task.WhenAll(replicas.Select(r => Task.Factory.StartNew(() =>
            {
                start.SignalAndWait();
                r.Get<PostgresDatabase>().Open().Dispose();
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
            Assert.Equal(PostgresMigrator.LatestVersion, Count(database, "SELECT count(*) FROM paperbot_schema"));
        }
        finally
        {
            replicas.ForEach(r => r.Dispose());
        }
    }

    [PostgresFact]
    public async Task With_postgres_unreachable_a_replica_answers_from_its_index_and_says_history_is_out_of_reach()
    {
        var database = cluster.Server.CreateDatabase();
        using var a = new PostgresReplica(cluster.Server, database);
        a.Get<CorpusBootstrapper>().EnsureIngested();
        // The same replica's files, pointed at a port where nothing listens: PostgreSQL is down for it.
        var closed = new NpgsqlConnectionStringBuilder(cluster.Server.ConnectionString(database)) { Port = ClosedPort() }.ConnectionString;
        using var down = new PostgresReplica(cluster.Server, database, closed);
        DatabaseBackup.Create(Path.Combine(a.Folder, "index.db"), Path.Combine(down.Folder, "index.db"));

        Assert.Null(down.Get<CorpusBootstrapper>().EnsureIngested()); // logged, not thrown: the local index has papers
        var answer = await down.Get<ConversationalAnswerService>().AnswerAsync("which papers are about speculative decoding?", "web:x");

        Assert.NotEmpty(answer.Citations);
        Assert.Contains(ConversationalAnswerService.HistoryUnavailable, answer.Text, StringComparison.Ordinal);
        var file = down.WriteFile("late.txt", TestPaper.About("origami folding robots").ToListing());
        Assert.ThrowsAny<System.Data.Common.DbException>(() => down.Get<IngestService>().Ingest([file]));
        Assert.DoesNotContain(down.Get<PaperSearcher>().Search("origami folding robots", 3).Hits, h => h.Paper.Title.Contains("origami", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_password_in_the_connection_string_is_refused_at_start_up()
    {
        var validator = new SharedStorageOptionsValidator();
        var withPassword = validator.Validate(null, new SharedStorageOptions
        {
            Provider = StorageProvider.Postgres,
            ConnectionString = "Host=db;Database=paperbot;Username=bot;Password=hunter2",
        });
        var empty = validator.Validate(null, new SharedStorageOptions { Provider = StorageProvider.Postgres });
        var fine = validator.Validate(null, new SharedStorageOptions { Provider = StorageProvider.Postgres, ConnectionString = "Host=db;Username=bot" });

        Assert.True(withPassword.Failed);
        Assert.Contains("PAPERBOT_POSTGRES_PASSWORD", withPassword.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", withPassword.FailureMessage, StringComparison.Ordinal);
        Assert.True(empty.Failed);
        Assert.True(fine.Succeeded);
    }

    private long Count(string database, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster.Server.ConnectionString(database)) { Password = cluster.Server.Password }.ConnectionString);
        connection.Open();
        using var cmd = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
