using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Answering;
using PaperBot.Core.Ingest;
using PaperBot.Host.Cli;

namespace PaperBot.Benchmarks;

/// <summary>
/// Warm extractive ask latency per question kind, through the app's own composition (the services <c>paperbot ask</c>
/// and <c>eval</c> build: corpus vectors, acronym bridges, the composer), over a question file's questions. Answers
/// whether a kind (origin and compare answers run extra searches) is slower than the rest.
/// Run with: dotnet run -c Release --project tests/PaperBot.Benchmarks -- answers [--questions FILE.jsonl] [--rounds N] [--json]
/// </summary>
public static class AnswerLatencyBenchmark
{
    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    public static async Task RunAsync(string[] args)
    {
        var root = FindRoot();
        var file = ArgValue(args, "--questions") ?? Path.Combine(root, "tests", "PaperBot.Tests", "Answering", "answers.jsonl");
        var rounds = int.Parse(ArgValue(args, "--rounds") ?? "10", System.Globalization.CultureInfo.InvariantCulture);
        var questions = File.ReadLines(file).Where(l => l.Trim().Length > 0).Select(l =>
        {
            using var json = JsonDocument.Parse(l);
            var kind = json.RootElement.TryGetProperty("kind", out var k) ? k.GetString() ?? "?" : "?";
            return (Kind: kind, Question: json.RootElement.GetProperty("question").GetString()!);
        }).ToList();

        var folder = Directory.CreateTempSubdirectory("paperbot-bench-answers-").FullName;
        try
        {
            await using var services = CliServices.Build(Path.Combine(folder, "paperbot.db"), verbose: false);
            services.GetRequiredService<IngestService>().Ingest([Path.Combine(root, "corpus")]);
            var answerer = services.GetRequiredService<ExtractiveAnswerer>();
            // Two untimed passes: JIT, the corpus vectors' first training, SQLite's page cache.
            for (var i = 0; i < 2; i++)
            {
                foreach (var q in questions)
                {
                    await answerer.RespondAsync(q.Question);
                }
            }
            var times = questions.Select(q => q.Kind).Distinct().ToDictionary(k => k, _ => new List<double>());
            var all = new List<double>();
            for (var r = 0; r < rounds; r++)
            {
                foreach (var q in questions)
                {
                    var clock = Stopwatch.StartNew();
                    await answerer.RespondAsync(q.Question);
                    var ms = clock.Elapsed.TotalMilliseconds;
                    times[q.Kind].Add(ms);
                    all.Add(ms);
                }
            }
            var results = times.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => LatencyStats.From($"ask {t.Key}", t.Value))
                .Append(LatencyStats.From("ask (all)", all)).ToList();
            if (args.Contains("--json"))
            {
                Console.WriteLine(JsonSerializer.Serialize(new { file, questions = questions.Count, rounds, processors = Environment.ProcessorCount, results }, IndentedJson));
            }
            else
            {
                Console.WriteLine($"Warm extractive ask, app composition: {questions.Count} questions from {file}, {rounds} rounds, {Environment.ProcessorCount} cores");
                foreach (var result in results)
                {
                    Console.WriteLine(result);
                }
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string? ArgValue(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "corpus")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new DirectoryNotFoundException("No corpus/ folder above the current directory.");
    }
}
