using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PaperBot.Core.Storage;
using PaperBot.Host.Server;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Server;

/// <summary>Liveness, readiness and what the server says at start.</summary>
public sealed class HealthAndStartupTests(HealthServerFixture server) : IClassFixture<HealthServerFixture>
{
    private readonly TempDatabase _db = server.Db;
    private readonly Microsoft.AspNetCore.Builder.WebApplication _app = server.App;
    private readonly HttpClient _http = server.Http;

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_turns_unready_while_the_database_cannot_be_written_and_healthz_stays_alive()
    {
        await WaitReadyAsync();

        // Another process holding the write lock is what a read-only or wedged database looks like to every writer here.
        using (var other = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _db.Path, Pooling = false }.ToString()))
        {
            other.Open();
            using var begin = other.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE; INSERT INTO ingest_runs(started_at, finished_at, report_json) VALUES ('x', 'x', '{}');";
            begin.ExecuteNonQuery();

            var (status, body) = await GetAsync(HealthEndpoints.ReadinessPath);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Contains("database not writable", body, StringComparison.Ordinal);
            Assert.Contains("database readable", body, StringComparison.Ordinal);
            Assert.Equal((HttpStatusCode.OK, "ok"), await GetAsync(HealthEndpoints.LivenessPath));

            using var rollback = other.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
        }

        var after = await GetAsync(HealthEndpoints.ReadinessPath);
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Contains("database writable", after.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_reports_a_database_that_cannot_be_opened()
    {
        await WaitReadyAsync();
        // The database file replaced by a directory: nothing can open it (root or not).
        SqliteConnection.ClearAllPools();
        var broken = new SqliteConnectionFactory(Path.Combine(_db.Folder, "gone", "paperbot.db"));
        Directory.CreateDirectory(broken.DatabasePath);
        var check = new ReadinessCheck(broken, _app.Services.GetRequiredService<RetrievalWarmUpService>(),
            _app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PaperBot.Core.Storage.SharedStorageOptions>>(),
            _app.Services.GetRequiredService<PaperBot.Host.Storage.SharedListingSyncService>());

        var readiness = check.Check();

        Assert.False(readiness.Ready);
        Assert.Contains(readiness.Checks, c => c.StartsWith("database not readable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_start_up_report_names_addresses_channels_providers_database_and_digest()
    {
        await WaitReadyAsync();
        var report = _app.Services.GetServices<IHostedService>().OfType<StartupReport>().Single();

        var lines = report.Lines().Select(l => l.Line).ToList();

        Assert.Contains(lines, l => l == "Listening on " + _app.Urls.First());
        Assert.Contains("Discord: off (Discord:ApplicationId is empty)", lines);
        var teams = Assert.Single(report.Lines(), l => l.Line.StartsWith("Teams:", StringComparison.Ordinal));
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, teams.Level);
        Assert.Contains("loopback", teams.Line, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("LLM: none", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Embeddings: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"Database: {_db.Path}, schema version {SchemaMigrator.LatestVersion} ", StringComparison.Ordinal) && l.EndsWith(" papers", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Digest: scheduler on, 0 active subscription(s)", StringComparison.Ordinal));
        Assert.Contains("Inbox: off (PaperBot:Inbox is empty)", lines);
        Assert.Contains(lines, l => l.StartsWith("Fetchers: Hugging Face daily papers off", StringComparison.Ordinal));
    }

    /// <summary>Ingesting the corpus and training the vectors take a few seconds, far more on a loaded machine.</summary>
    private async Task WaitReadyAsync()
    {
        var last = "";
        await Eventually.ProbeAsync(async () =>
        {
            var (status, body) = await GetAsync(HealthEndpoints.ReadinessPath);
            last = body;
            return status == HttpStatusCode.OK;
        }, () => "the server to become ready; /readyz said: " + last, TimeSpan.FromMinutes(3));
    }
}
