using Microsoft.Data.Sqlite;
using PaperBot.Host.Cli;
using PaperBot.Reliability;
using PaperBot.Tests.Support;
using Xunit.Abstractions;

namespace PaperBot.Tests.Reliability;

/// <summary>
/// The reliability suite's short runs (issue 13): ingest and question fuzzing with a fixed seed for a few seconds, and a
/// real ingest process killed mid-way. The benchmark command runs the same code for longer (<c>-- fuzz-ingest</c>).
/// </summary>
public sealed class ReliabilityTests(ITestOutputHelper output) : IDisposable
{
    private const int Seed = 20261201;
    private readonly string _work = Directory.CreateTempSubdirectory("paperbot-fuzz-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A pipe or link the OS temp cleaner removes later.
        }
    }

    [Fact]
    public void Fuzzed_listing_files_never_crash_ingest_lose_or_change_a_paper_or_harm_the_database()
    {
        var fuzzer = new IngestFuzzer(RepositoryPaths.Corpus, _work, Seed);

        // Bounded by rounds (a few seconds on an idle machine); the time cap only stops a run on a starved one.
        var report = fuzzer.FuzzIngest(TimeSpan.FromSeconds(90), maxRounds: 16);

        output.WriteLine(report.ToString());
        Assert.True(report.Failures.Count == 0, report.ToString());
        Assert.True(report.Rounds >= 5, report.ToString());
        Assert.True(report.Cases.Count >= 6, report.ToString());
    }

    [Fact]
    public async Task Fuzzed_questions_never_crash_the_answer_path_nor_cite_a_paper_that_does_not_exist()
    {
        var fuzzer = new IngestFuzzer(RepositoryPaths.Corpus, _work, Seed);
        fuzzer.FuzzIngest(TimeSpan.Zero, maxRounds: 0);
        await using var services = CliServices.Build(fuzzer.DatabasePath, verbose: false);

        var report = await fuzzer.FuzzQuestionsAsync(services, TimeSpan.FromSeconds(60), maxQuestions: 60);

        output.WriteLine(report.ToString());
        Assert.True(report.Failures.Count == 0, report.ToString());
        Assert.True(report.Rounds >= 20, report.ToString());
    }

    [Fact]
    public void An_ingest_killed_mid_way_leaves_the_database_intact_and_the_next_ingest_completes()
    {
        var crash = new IngestCrashRun(RepositoryPaths.Corpus, _work, Path.Combine(AppContext.BaseDirectory, "paperbot.dll"));
        var copies = 8;
        var (papers, sources) = crash.Prepare(copies);
        var records = sources * (copies + 1);

        CrashOutcome? outcome = null;
        for (var attempt = 0; attempt < 3 && outcome is not { Killed: true }; attempt++)
        {
            outcome = crash.KillOnce(afterMilliseconds: null);
            output.WriteLine(outcome.ToString());
            Assert.Equal("ok", outcome.Integrity);
            Assert.Equal(papers, outcome.Papers);
            Assert.Contains(outcome.Sources, new[] { sources, records });
            if (!outcome.Killed)
            {
                // It finished before the kill landed; start again from the state before it.
                crash.Scalar($"DELETE FROM sources WHERE file LIKE 'copies/%'");
                crash.Scalar("DELETE FROM ingested_files WHERE file LIKE 'copies/%'");
            }
        }
        Assert.True(outcome!.Killed, "the ingest finished every time before it could be killed");

        Assert.Equal(0, crash.Complete());
        Assert.Equal("ok", crash.Integrity());
        Assert.Equal(papers, crash.Scalar("SELECT COUNT(*) FROM papers"));
        Assert.Equal(records, crash.Scalar("SELECT COUNT(*) FROM sources"));
    }
}
