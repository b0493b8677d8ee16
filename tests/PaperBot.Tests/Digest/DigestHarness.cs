using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PaperBot.Core;
using PaperBot.Core.Digest;
using PaperBot.Core.Ingest;
using PaperBot.Host;

namespace PaperBot.Tests.Digest;

/// <summary>
/// The real service graph (core + features) over a temporary SQLite file, with a fake clock. A second harness on the
/// same folder is "the process after a restart".
/// </summary>
public sealed class DigestHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 7, 0, 0, TimeSpan.Zero);

    private readonly bool _ownsFolder;
    private int _files;

    public DigestHarness(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? extra = null,
        string? folder = null, FakeTimeProvider? time = null)
    {
        _ownsFolder = folder is null;
        Folder = folder ?? Directory.CreateTempSubdirectory("paperbot-digest-").FullName;
        Time = time ?? new FakeTimeProvider(Start);
        Settings = new Dictionary<string, string?>
        {
            // Channel tests do not exercise dense retrieval (LocalEmbeddingTests does, on one shared embedded corpus):
            // no background job embedding the corpus beside every test server.
            ["Embeddings:Provider"] = "None",
            ["PaperBot:Database"] = Path.Combine(Folder, "paperbot.db"),
            ["PaperBot:Corpus"] = Path.Combine(Folder, "no-corpus"),
            ["Digest:AllowedWebhookHosts:0"] = "127.0.0.1",
            ["Digest:HttpRetryDelayMilliseconds"] = "10",
            ["Digest:RetryAfterSeconds"] = "60",
            ["Digest:ClaimLeaseSeconds"] = "300",
            ["Fetch:Folder"] = Path.Combine(Folder, "fetched"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            Settings[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(Time);
        services.AddPaperBotCore(configuration);
        PaperBotFeatures.Add(services, configuration);
        extra?.Invoke(services);
        Provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public string Folder { get; }
    public FakeTimeProvider Time { get; }
    public Dictionary<string, string?> Settings { get; }
    public ServiceProvider Provider { get; }

    public IDigestSubscriptionStore Subscriptions => Provider.GetRequiredService<IDigestSubscriptionStore>();
    public IDigestOutbox Outbox => Provider.GetRequiredService<IDigestOutbox>();
    public DigestDispatcher Dispatcher => Provider.GetRequiredService<DigestDispatcher>();

    /// <summary>Ingests the papers now (by the fake clock), as `paperbot ingest` would; returns their ids in order.</summary>
    public IReadOnlyList<string> AddPapers(params TestPaper[] papers)
    {
        var file = Path.Combine(Folder, "listings", $"listing-{Interlocked.Increment(ref _files)}.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, string.Concat(papers.Select(p => p.ToListing())));
        var report = Provider.GetRequiredService<IngestService>().Ingest([file]);
        Assert.Equal(papers.Length, report.Records);
        using var connection = Provider.GetRequiredService<PaperBot.Core.Storage.SqliteConnectionFactory>().Open();
        return papers.Select(p =>
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT id FROM papers WHERE title = $t";
            cmd.Parameters.AddWithValue("$t", p.Title);
            return (string)cmd.ExecuteScalar()!;
        }).ToList();
    }

    public DigestSubscription Subscribe(DigestTarget target, string? cron = null, string? tz = null, IReadOnlyList<string>? keywords = null,
        int minUpvotes = 0, int? maxItems = null)
    {
        var created = Subscriptions.TryCreate(new NewDigestSubscription(target, cron, tz, keywords ?? [], minUpvotes, maxItems, "test"), out var error);
        Assert.True(created is not null, error);
        return created!;
    }

    public Task<IReadOnlyList<DigestDelivery>> RunAsync(string? subscriptionId = null, CancellationToken cancellationToken = default) =>
        Dispatcher.RunDueAsync(subscriptionId, cancellationToken);

    /// <summary>
    /// Runs a pass while moving the fake clock on in small steps, for passes whose HTTP retries wait on the clock
    /// (Polly takes its delays from the injected TimeProvider).
    /// </summary>
    public async Task<IReadOnlyList<DigestDelivery>> RunAdvancingClockAsync(TimeSpan step)
    {
        return await Eventually.WhileAdvancingAsync(RunAsync(), Time, step);
    }

    /// <summary>The same database and clock in a fresh service graph: the server after a crash and restart.</summary>
    public DigestHarness Restart(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? extra = null)
    {
        var merged = new Dictionary<string, string?>(Settings);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }
        return new DigestHarness(merged, extra, Folder, Time);
    }

    public long Scalar(string sql)
    {
        using var connection = Provider.GetRequiredService<PaperBot.Core.Storage.SqliteConnectionFactory>().Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        Provider.Dispose();
        if (_ownsFolder)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a pooled connection; the OS temp cleaner takes it.
            }
        }
    }
}
