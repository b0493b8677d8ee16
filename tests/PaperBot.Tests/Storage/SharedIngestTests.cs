using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PaperBot.Core;
using PaperBot.Core.Embeddings;
using PaperBot.Core.Ingest;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Storage;
using PaperBot.Core.Storage.Postgres;
using PaperBot.Host.Digest.Fetch;
using PaperBot.Host.Digest.Inbox;
using PaperBot.Host.Embeddings;
using PaperBot.Tests.Digest;
using PaperBot.Tests.Retrieval;

namespace PaperBot.Tests.Storage;

/// <summary>
/// Ingest across replicas sharing PostgreSQL: inbox files and fetches done once by whichever replica claims them, taken
/// over when that replica dies, the ingest history seen by every replica, and all of it moved by migrate-storage.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SharedIngestTests(PostgresClusterFixture cluster) : IDisposable
{
    private static readonly string[] Topics =
    [
        "lattice cryptography", "origami folding robots", "tropical geometry", "protein docking",
        "glacier melt forecasting", "sign language translation", "wildfire spread simulation", "quantum error correction",
    ];

    private readonly List<string> _folders = [];

    [PostgresFact]
    public async Task Two_replicas_watching_one_inbox_ingest_each_dropped_file_once_and_both_can_search_it()
    {
        var database = cluster.Server.CreateDatabase();
        var inbox = Folder();
        using var a = Replica(database, inbox);
        using var b = Replica(database, inbox);
        foreach (var (topic, i) in Topics.Select((t, i) => (t, i)))
        {
            File.WriteAllText(Path.Combine(inbox, $"drop-{i}.txt"), TestPaper.About(topic).ToListing());
        }

        // Both watchers scan at the same moments, a few times over, as two replicas' timers would.
        var passes = await Task.WhenAll(Task.Run(() => Scan(a)), Task.Run(() => Scan(b)));

        var ingested = passes.SelectMany(p => p).Where(o => o.Ingested).ToList();
        Assert.Equal(Topics.Length, ingested.Count);
        Assert.Equal(Topics.Length, ingested.Select(o => o.File).Distinct().Count());
        Assert.Equal(Topics.Length, Directory.GetFiles(Path.Combine(inbox, InboxProcessor.Processed)).Length);
        Assert.Empty(Directory.GetFiles(Path.Combine(inbox, InboxProcessor.Failed)));
        Assert.Empty(Directory.GetFiles(Path.Combine(inbox, InboxProcessor.Processing)));
        Assert.Equal(Topics.Length, Count(database, "SELECT count(*) FROM listing_log"));
        Assert.Equal(Topics.Length, Count(database, "SELECT count(*) FROM ingest_claims WHERE kind = 'inbox' AND state = 'done'"));
        a.Get<IngestService>().CatchUpShared();
        b.Get<IngestService>().CatchUpShared();
        foreach (var topic in Topics)
        {
            Assert.Contains(a.Get<PaperSearcher>().Search(topic, 3).Hits, h => h.Paper.Title.Contains(topic, StringComparison.Ordinal));
            Assert.Contains(b.Get<PaperSearcher>().Search(topic, 3).Hits, h => h.Paper.Title.Contains(topic, StringComparison.Ordinal));
        }
        // The history every replica reports: one run per file, whoever ran it; catching up is not a run of its own.
        Assert.Equal(Topics.Length, a.Get<PostgresIngestRuns>().Count());
        Assert.All(b.Get<PostgresIngestRuns>().Newest(100), r => Assert.StartsWith("inbox/", r.Source, StringComparison.Ordinal));
    }

    [PostgresFact]
    public void The_same_file_arriving_in_two_replicas_inboxes_is_ingested_once_and_a_file_dropped_into_A_is_searchable_on_B()
    {
        var database = cluster.Server.CreateDatabase();
        var (inboxA, inboxB) = (Folder(), Folder());
        using var a = Replica(database, inboxA);
        using var b = Replica(database, inboxB);
        var listing = TestPaper.About("lattice cryptography").ToListing();
        File.WriteAllText(Path.Combine(inboxA, "today.txt"), listing);
        File.WriteAllText(Path.Combine(inboxB, "today.txt"), listing);

        var first = Assert.Single(a.Get<InboxProcessor>().ProcessOnce());
        var second = Assert.Single(b.Get<InboxProcessor>().ProcessOnce());

        Assert.True(first.Ingested, first.Error);
        Assert.False(second.Ingested);
        Assert.Contains("already ingested", second.Error, StringComparison.Ordinal);
        Assert.StartsWith(Path.Combine(inboxB, InboxProcessor.Processed), second.MovedTo, StringComparison.Ordinal);
        Assert.Equal(1, Count(database, "SELECT count(*) FROM listing_log"));
        b.Get<IngestService>().CatchUpShared();
        Assert.Contains(b.Get<PaperSearcher>().Search("lattice cryptography", 3).Hits, h => h.Paper.Title.Contains("lattice cryptography", StringComparison.Ordinal));

        // Another file under the same name is another listing.
        File.WriteAllText(Path.Combine(inboxB, "today.txt"), TestPaper.About("tropical geometry").ToListing());
        Assert.True(Assert.Single(b.Get<InboxProcessor>().ProcessOnce()).Ingested);
        Assert.Equal(2, Count(database, "SELECT count(*) FROM listing_log"));
    }

    [PostgresFact]
    public void A_file_whose_replica_died_mid_ingest_is_ingested_by_another_once_the_claim_runs_out()
    {
        var database = cluster.Server.CreateDatabase();
        var inbox = Folder();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 6, 0, 0, TimeSpan.Zero));
        using var dead = Replica(database, inbox, clock);
        using var live = Replica(database, inbox, clock);
        // What the dead replica did before it died: claimed the file by its identity and moved it to processing/.
        var text = TestPaper.About("glacier melt forecasting").ToListing();
        var stamped = Path.Combine(inbox, InboxProcessor.Processing, "20261202T055959000Z_today.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(stamped)!);
        File.WriteAllText(stamped, text);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(stamped)));
        Assert.Equal(IngestClaimState.Claimed, dead.Get<IIngestClaims>().Claim(IngestWork.InboxFile("today.txt", new FileInfo(stamped).Length, sha)).State);

        Assert.Empty(live.Get<InboxProcessor>().ProcessOnce()); // still the dead replica's: it may be ingesting it
        Assert.True(File.Exists(stamped));

        clock.Advance(TimeSpan.FromSeconds(new SharedStorageOptions().IngestLeaseSeconds + 1));
        var taken = Assert.Single(live.Get<InboxProcessor>().ProcessOnce());

        Assert.True(taken.Ingested, taken.Error);
        Assert.Equal(1, Count(database, "SELECT count(*) FROM listing_log"));
        Assert.Equal(1, Count(database, "SELECT count(*) FROM ingest_claims WHERE state = 'done'"));
    }

    [PostgresFact]
    public void A_replica_restarted_after_dying_mid_file_takes_its_file_back_at_once()
    {
        var database = cluster.Server.CreateDatabase();
        var inbox = Folder();
        var own = new Dictionary<string, string?> { ["PaperBot:Database"] = Path.Combine(Folder(), "index.db") };
        var stamped = Path.Combine(inbox, InboxProcessor.Processing, "20261202T055959000Z_today.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(stamped)!);
        File.WriteAllText(stamped, TestPaper.About("sign language translation").ToListing());
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(stamped)));
        using (var before = Replica(database, inbox, settings: own))
        {
            Assert.Equal(IngestClaimState.Claimed, before.Get<IIngestClaims>().Claim(IngestWork.InboxFile("today.txt", new FileInfo(stamped).Length, sha)).State);
        }

        // The same replica (its own index file) started again: as on one machine, the file is ingested at the next pass.
        using var after = Replica(database, inbox, settings: own);
        var taken = Assert.Single(after.Get<InboxProcessor>().ProcessOnce());

        Assert.True(taken.Ingested, taken.Error);
        Assert.Equal(1, Count(database, "SELECT count(*) FROM listing_log"));
    }

    [PostgresFact]
    public void A_claim_kept_while_long_work_runs_is_not_taken_over_and_is_once_the_work_stops()
    {
        var database = cluster.Server.CreateDatabase();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 6, 0, 0, TimeSpan.Zero));
        using var a = Replica(database, null, clock);
        using var b = Replica(database, null, clock);
        var work = IngestWork.InboxFile("big.txt", 12_345_678, "a1b2c3");
        var lease = TimeSpan.FromSeconds(new SharedStorageOptions().IngestLeaseSeconds);
        Assert.Equal(IngestClaimState.Claimed, a.Get<IIngestClaims>().Claim(work).State);

        using (a.Get<IIngestClaims>().KeepClaimed(work))
        {
            for (var step = 0; step < 4; step++)
            {
                clock.Advance(lease / 3); // four thirds of a lease in all: only the renewals keep it
                Assert.Equal(IngestClaimState.HeldElsewhere, b.Get<IIngestClaims>().Claim(work).State);
            }
        }
        clock.Advance(lease + TimeSpan.FromSeconds(1));

        Assert.Equal(IngestClaimState.Claimed, b.Get<IIngestClaims>().Claim(work).State);
    }

    [PostgresFact]
    public async Task Two_replicas_fetching_in_the_same_period_fetch_once_and_both_hold_the_papers()
    {
        var database = cluster.Server.CreateDatabase();
        var recorded = Path.Combine(AppContext.BaseDirectory, "Digest", "Fetch", "Recorded", "hf_daily_papers.json");
        var queries = 0;
        await using var huggingFace = await LoopbackServer.StartAsync(app => app.MapGet("/api/daily_papers", () =>
        {
            Interlocked.Increment(ref queries);
            return Results.File(recorded, "application/json");
        }));
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
        Dictionary<string, string?> Settings() => new()
        {
            ["Fetch:HuggingFaceEnabled"] = "true",
            ["Fetch:HuggingFaceBaseUrl"] = huggingFace.BaseUrl,
            ["Fetch:Folder"] = Folder(),
        };
        using var a = Replica(database, null, clock, Settings());
        using var b = Replica(database, null, clock, Settings());

        var results = await Task.WhenAll(a.Get<PaperFetchService>().FetchOnceAsync(CancellationToken.None), b.Get<PaperFetchService>().FetchOnceAsync(CancellationToken.None));

        Assert.Equal(1, queries);
        Assert.Equal(2, results.Sum(r => Assert.Single(r).New));
        b.Get<IngestService>().CatchUpShared();
        a.Get<IngestService>().CatchUpShared();
        Assert.NotEmpty(a.Get<PaperSearcher>().Search("Draft Trees speculative", 1).Hits);
        Assert.NotEmpty(b.Get<PaperSearcher>().Search("Draft Trees speculative", 1).Hits);

        clock.Advance(TimeSpan.FromMinutes(new FetchOptions().IntervalMinutes));
        await b.Get<PaperFetchService>().FetchOnceAsync(CancellationToken.None);
        Assert.Equal(2, queries); // the next period is fetched again, by whichever replica gets there first
    }

    [PostgresFact]
    public async Task Migrate_storage_moves_paper_vectors_and_the_ingest_history_and_a_replica_built_from_the_log_embeds_nothing_again()
    {
        await using var embeddings = await FakeEmbeddingServer.StartAsync([["lattice"]]);
        var embeddingSettings = new Dictionary<string, string?>
        {
            ["Embeddings:Provider"] = "OpenAI",
            ["Embeddings:Endpoint"] = embeddings.BaseUrl,
            ["Embeddings:Model"] = "fake-embed-1",
            ["Embeddings:ApiKey"] = "test-key",
        };
        var folder = Folder();
        var listing = Path.Combine(folder, "three.txt");
        File.WriteAllText(listing, string.Concat(Topics.Take(3).Select(t => TestPaper.About(t).ToListing())));
        // The single bot before the move: its own SQLite file, its papers embedded.
        var single = new Dictionary<string, string?>(embeddingSettings) { ["PaperBot:Database"] = Path.Combine(folder, "paperbot.db"), ["Ingest:Root"] = folder };
        await using (var bot = Services(single))
        {
            bot.GetRequiredService<IngestService>().Ingest([listing]);
            Assert.Equal(3, await bot.GetRequiredService<PaperEmbeddingIndex>().EmbedMissingAsync());
        }
        Assert.Equal(3, embeddings.Inputs.Count);
        var database = cluster.Server.CreateDatabase();
        using var target = new PostgresReplica(cluster.Server, database, ingestRoot: folder);

        var first = target.Get<SqliteToPostgresMigration>().Run(Path.Combine(folder, "paperbot.db"));
        var again = target.Get<SqliteToPostgresMigration>().Run(Path.Combine(folder, "paperbot.db"));

        Assert.True(first.Verified, string.Join("; ", first.Tables));
        Assert.Contains(first.Tables, t => t is { Table: "paper embeddings", InSqlite: 3, Copied: 3 });
        Assert.Contains(first.Tables, t => t is { Table: "ingest runs", InSqlite: 1, Copied: 1 });
        Assert.True(again.Verified, string.Join("; ", again.Tables));
        Assert.All(again.Tables, c => Assert.Equal((0, (int)c.InSqlite), (c.Copied, c.AlreadyThere)));
        Assert.Equal(1, target.Get<PostgresIngestRuns>().Count());

        using var replica = Replica(database, null, settings: embeddingSettings, embeddings: true);
        replica.Get<CorpusBootstrapper>().EnsureIngested();
        Assert.Equal(3, await replica.Get<PaperEmbeddingIndex>().EmbedMissingAsync());
        Assert.Equal(3, embeddings.Inputs.Count); // every vector copied: the content hashes agree across the move
    }

    [PostgresFact]
    public async Task Paperbot_stats_on_another_replica_reports_the_ingest_runs_of_every_replica()
    {
        var database = cluster.Server.CreateDatabase();
        var inbox = Folder();
        using var a = Replica(database, inbox);
        File.WriteAllText(Path.Combine(inbox, "today.txt"), TestPaper.About("protein docking").ToListing());
        Assert.True(Assert.Single(a.Get<InboxProcessor>().ProcessOnce()).Ingested);
        var elsewhere = Folder();

        var (code, stdout, stderr) = await PaperBotProcess.RunAsync(elsewhere, new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Postgres",
            ["Storage__ConnectionString"] = cluster.Server.ConnectionString(database),
            ["Storage__PasswordVariable"] = PostgresServer.PasswordVariable,
            [PostgresServer.PasswordVariable] = cluster.Server.Password,
        }, "--db", Path.Combine(elsewhere, "b.db"), "stats");

        Assert.True(code == 0, stderr);
        Assert.Matches(@"SharedIngestRuns\s+1\b", stdout);
        Assert.Matches(@"NewestSharedIngest\s+.* by .*: inbox/\d{8}T\d{9}Z_today\.txt: 1 files, 1 records, 1 new", stdout);
    }

    [PostgresFact]
    public void With_postgres_unreachable_inbox_files_stay_where_they_are_until_it_is_back()
    {
        var database = cluster.Server.CreateDatabase();
        var inbox = Folder();
        var closed = new NpgsqlConnectionStringBuilder(cluster.Server.ConnectionString(database)) { Port = ClosedPort() }.ConnectionString;
        using var down = new PostgresReplica(cluster.Server, database, closed, settings: new Dictionary<string, string?> { ["PaperBot:Inbox"] = inbox },
            features: (services, configuration) => services.AddInbox(configuration));
        var dropped = Path.Combine(inbox, "today.txt");
        File.WriteAllText(dropped, TestPaper.About("wildfire spread simulation").ToListing());

        Assert.Empty(down.Get<InboxProcessor>().ProcessOnce());

        Assert.True(File.Exists(dropped)); // not claimed, not moved, not marked failed: nothing acknowledged that was not kept
        Assert.Empty(Directory.GetFiles(Path.Combine(inbox, InboxProcessor.Failed)));
        using var back = Replica(database, inbox);
        Assert.True(Assert.Single(back.Get<InboxProcessor>().ProcessOnce()).Ingested);
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static List<InboxFileOutcome> Scan(PostgresReplica replica)
    {
        var outcomes = new List<InboxFileOutcome>();
        for (var pass = 0; pass < 4; pass++)
        {
            outcomes.AddRange(replica.Get<InboxProcessor>().ProcessOnce());
        }
        return outcomes;
    }

    private PostgresReplica Replica(string database, string? inbox, TimeProvider? clock = null, IReadOnlyDictionary<string, string?>? settings = null, bool embeddings = false)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["PaperBot:Inbox"] = inbox };
        return new PostgresReplica(cluster.Server, database, settings: all, features: (services, configuration) =>
        {
            if (clock is not null)
            {
                services.AddSingleton(clock);
            }
            services.AddInbox(configuration);
            services.AddPaperFetchers(configuration);
            if (embeddings)
            {
                services.AddPaperBotEmbeddings(configuration);
            }
        });
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddPaperBotCore(configuration);
        services.AddPaperBotEmbeddings(configuration);
        return services.BuildServiceProvider();
    }

    private string Folder()
    {
        var folder = Directory.CreateTempSubdirectory("paperbot-shared-ingest-").FullName;
        _folders.Add(folder);
        return folder;
    }

    private long Count(string database, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster.Server.ConnectionString(database)) { Password = cluster.Server.Password }.ConnectionString);
        connection.Open();
        using var cmd = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var folder in _folders)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left behind in temp: harmless.
            }
        }
    }
}
