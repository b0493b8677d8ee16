using PaperBot.Host.Cli;
using PaperBot.Reliability;

namespace PaperBot.Benchmarks;

/// <summary>
/// The reliability suite's long run: ingest fuzzing and question fuzzing for the time given (a random seed unless one is
/// given, printed so a failure can be replayed), then a real <c>paperbot ingest</c> killed at random moments. Prints
/// cases tried per kind and every failure; exits 1 when anything failed.
/// </summary>
public static class ReliabilityBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Argument(args, "--seconds", 120);
        var seed = Argument(args, "--seed", Random.Shared.Next());
        var kills = Argument(args, "--kills", 5);
        var corpus = Path.Combine(FindRoot(), "corpus");
        var work = Directory.CreateTempSubdirectory("paperbot-fuzz-bench-").FullName;
        Console.WriteLine($"seed {seed}, {seconds} s, work folder {work}");
        var failed = false;
        try
        {
            var fuzzer = new IngestFuzzer(corpus, Path.Combine(work, "fuzz"), seed);
            var ingest = fuzzer.FuzzIngest(TimeSpan.FromSeconds(seconds * 2 / 3.0), int.MaxValue);
            Console.WriteLine(ingest);
            await using (var services = CliServices.Build(fuzzer.DatabasePath, verbose: false))
            {
                var questions = await fuzzer.FuzzQuestionsAsync(services, TimeSpan.FromSeconds(seconds / 3.0), int.MaxValue);
                Console.WriteLine(questions);
                failed = ingest.Failures.Count + questions.Failures.Count > 0;
            }

            if (kills == 0)
            {
                return failed ? 1 : 0;
            }
            var crash = new IngestCrashRun(corpus, Path.Combine(work, "crash"), Path.Combine(AppContext.BaseDirectory, "paperbot.dll"));
            var (papers, sources) = crash.Prepare(copies: 20);
            var random = new Random(seed);
            Console.WriteLine($"crash: {kills} kill -9 of `paperbot ingest` (20 renamed copies of the corpus), then a full ingest");
            for (var k = 0; k < kills; k++)
            {
                // Alternately at a random moment and just as the commit starts to reach the write-ahead log.
                var outcome = crash.KillOnce(k % 2 == 0 ? random.Next(200, 4000) : null);
                var ok = outcome.Integrity == "ok" && outcome.Papers == papers && (outcome.Sources == sources || outcome.Sources == sources * 21);
                Console.WriteLine($"  kill {k + 1}: {(outcome.Killed ? "killed" : "finished first")} after {outcome.Seconds} s, integrity {outcome.Integrity}, " +
                                  $"{outcome.Papers} papers, {outcome.Sources} sources {(ok ? "ok" : "FAIL")}");
                failed |= !ok;
                if (outcome.Sources != sources)
                {
                    break;
                }
            }
            var exit = crash.Complete();
            var final = (crash.Integrity(), crash.Scalar("SELECT COUNT(*) FROM papers"), crash.Scalar("SELECT COUNT(*) FROM sources"));
            var complete = exit == 0 && final == ("ok", papers, sources * 21);
            Console.WriteLine($"  restart: exit {exit}, integrity {final.Item1}, {final.Item2} papers, {final.Item3} sources {(complete ? "ok" : "FAIL")}");
            failed |= !complete;
        }
        finally
        {
            if (args.Contains("--keep"))
            {
                Console.WriteLine($"(kept {work})");
            }
            else
            {
                try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.WriteLine($"(left {work}: {e.Message})");
            }
            }
        }
        return failed ? 1 : 0;
    }

    private static int Argument(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PaperBot.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("PaperBot.sln not found above " + AppContext.BaseDirectory);
    }
}
