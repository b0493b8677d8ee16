using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

using PaperBot.Core.Answering;
using PaperBot.Core.Ingest;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Storage;

namespace PaperBot.Benchmarks;

// Core benchmark: cold ingest of the corpus, search and extractive ask latency, all in-process.
// Usage: dotnet run -c Release --project tests/PaperBot.Benchmarks -- [--corpus DIR] [--rounds N] [--json]
/// <remarks>Run with: dotnet run -c Release --project tests/PaperBot.Benchmarks -- core [--rounds N] [--json]</remarks>
public static class CoreBenchmark
{
    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    public static void Run(string[] args)
    {
        var corpus = ArgValue("--corpus") ?? FindCorpus();
        var rounds = int.Parse(ArgValue("--rounds") ?? "20", System.Globalization.CultureInfo.InvariantCulture);
        var json = args.Contains("--json");

        string[] questions =
        [
            "which papers tackle continual relation extraction?",
            "any papers on speculative decoding?",
            "how many questions are in CoTErrorSet?",
            "papers by Damai Dai",
            "what paper is from PatronusAI?",
            "when was DialogQAE published",
            "getting chatbots to admit they are unsure in long answers",
            "reward models for process supervision in math reasoning",
            "anything on quantum error correction with neural decoders?",
            "mixture of experts routing stability",
            "long context benchmarks with needle in a haystack",
            "self-consistency for hallucination detection",
        ];

        var root = Directory.CreateTempSubdirectory("paperbot-bench-").FullName;
        try
        {
            // Cold ingest: a fresh database file each round (schema creation included).
            var ingestTimes = new List<double>();
            // Round 0 warms the JIT and is not counted: each counted round still starts from a new, empty database file.
            for (var i = 0; i <= Math.Max(5, rounds / 2); i++)
            {
                var factory = new SqliteConnectionFactory(Path.Combine(root, $"ingest-{i}.db"));
                var service = new IngestService(factory, TimeProvider.System, NullLogger<IngestService>.Instance);
                var sw = Stopwatch.StartNew();
                service.Ingest([corpus]);
                if (i > 0)
                {
                    ingestTimes.Add(sw.Elapsed.TotalMilliseconds);
                }
            }

            // The query side as the application registers it: the same searcher and answerer serve builds.
            using var services = PaperBot.Tests.Support.CoreServices.Build(Path.Combine(root, "query.db"));
            var report = services.GetRequiredService<IngestService>().Ingest([corpus]);
            var searcher = services.GetRequiredService<PaperSearcher>();
            var answerer = services.GetRequiredService<ExtractiveAnswerer>();

            foreach (var q in questions)
            {
                searcher.Search(q);
                answerer.RespondAsync(q).GetAwaiter().GetResult(); // warm-up: JIT and SQLite page cache
            }
            var searchTimes = new List<double>();
            var askTimes = new List<double>();
            for (var r = 0; r < rounds; r++)
            {
                foreach (var q in questions)
                {
                    var sw = Stopwatch.StartNew();
                    searcher.Search(q);
                    searchTimes.Add(sw.Elapsed.TotalMilliseconds);
                    sw.Restart();
                    answerer.RespondAsync(q).GetAwaiter().GetResult();
                    askTimes.Add(sw.Elapsed.TotalMilliseconds);
                }
            }

            var results = new[]
            {
                LatencyStats.From("cold ingest (corpus)", ingestTimes),
                LatencyStats.From("search", searchTimes),
                LatencyStats.From("ask (extractive)", askTimes),
            };
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(new { papers = report.Papers, records = report.Records, processors = Environment.ProcessorCount, results }, IndentedJson));
            }
            else
            {
                Console.WriteLine($"PaperBot core benchmark: {report.Records} records -> {report.Papers} papers, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
                foreach (var result in results)
                {
                    Console.WriteLine(result);
                }
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }

        string? ArgValue(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        static string FindCorpus()
        {
            var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
            while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "corpus")))
            {
                dir = dir.Parent;
            }
            return dir is null ? throw new DirectoryNotFoundException("No corpus/ folder above the current directory; pass --corpus DIR.") : Path.Combine(dir.FullName, "corpus");
        }

    }
}
