using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Answering;
using PaperBot.Core.Ingest;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Storage;
using PaperBot.Host.Cli;
using PaperBot.Host.Evaluation;

namespace PaperBot.Host.Benchmark;

/// <summary>
/// <c>paperbot bench generate --papers N --out DIR</c> writes a synthetic corpus from the current database's papers;
/// <c>paperbot bench run DIR --db NEW.db [--questions FILE]</c> ingests it into a fresh database and measures ingest
/// throughput, database size, search and ask latency (median, p95) and the process's peak memory. Not part of the
/// test suite: it takes minutes at 100k papers.
/// </summary>
public static class BenchmarkCommand
{
    public static Command Create()
    {
        var papers = new Option<int>("--papers") { Description = "How many synthetic papers (1 to 10,000,000)", DefaultValueFactory = _ => 100_000 };
        papers.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 10_000_000)
            {
                result.AddError($"--papers must be between 1 and 10,000,000, not {result.GetValueOrDefault<int>()}.");
            }
        });
        var output = new Option<string>("--out") { Description = "Folder to write the listing files to", Required = true };
        var generate = new Command("generate", "Write a synthetic corpus made of the current corpus's sentences") { papers, output };
        generate.SetAction(parse => PaperBotCommandLine.Run(parse, (services, json) =>
        {
            services.GetRequiredService<CorpusBootstrapper>().EnsureIngested();
            var stopwatch = Stopwatch.StartNew();
            var (files, bytes) = SyntheticCorpus.Write(services.GetRequiredService<PaperStore>(), parse.GetValue(output)!, parse.GetValue(papers));
            Console.WriteLine($"Wrote {parse.GetValue(papers)} papers in {files} files ({bytes / 1e6:0.0} MB) to {parse.GetValue(output)} in {stopwatch.Elapsed.TotalSeconds:0.0} s.");
            return 0;
        }));

        var corpus = new Argument<string>("corpus") { Description = "Folder of listing files (from bench generate)" };
        var questions = new Option<string?>("--questions") { Description = "Question file whose questions are timed (default: the evaluation set's questions)" };
        var vectors = new Option<bool>("--synthetic-vectors") { Description = "After ingest, store random vectors for every paper (as if the embedding job had finished) and time dense search with the local model's question embeddings" };
        var embed = new Option<bool>("--embed") { Description = "After ingest, embed every paper with the configured model (timed) before timing search and ask" };
        var run = new Command("run", "Ingest a corpus into the (new) --db database and time ingest, search and ask") { corpus, questions, vectors, embed };
        run.SetAction(parse => PaperBotCommandLine.RunAsync(parse, async (services, json) =>
        {
            var report = await RunAsync(services, parse.GetValue(corpus)!, parse.GetValue(questions), parse.GetValue(vectors), parse.GetValue(embed));
            Console.WriteLine(json ? CliJson.Serialize(report) : Describe(report));
            return 0;
        }));

        return new Command("bench", "Scale benchmark on synthetic corpora (not part of the test suite)") { generate, run };
    }

    public static async Task<BenchmarkReport> RunAsync(IServiceProvider services, string corpus, string? questionFile, bool syntheticVectors = false, bool embed = false)
    {
        var store = services.GetRequiredService<PaperStore>();
        var stopwatch = Stopwatch.StartNew();
        var ingest = services.GetRequiredService<IngestService>().Ingest([corpus]);
        var ingestSeconds = stopwatch.Elapsed.TotalSeconds;
        var factory = services.GetRequiredService<SqliteConnectionFactory>();
        using (var connection = factory.Open())
        {
            // One ingest is one transaction, so it all sits in the WAL until a checkpoint; measure the settled file.
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }
        var database = factory.DatabasePath;
        var size = new[] { database, database + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);

        double? vectorSeconds = null;
        long passages = 0;
        var index = services.GetRequiredService<PaperBot.Core.Embeddings.PaperEmbeddingIndex>();
        if (syntheticVectors && index.Enabled)
        {
            stopwatch.Restart();
            passages = SyntheticVectors.Write(factory, index.ModelKey, Dimensions);
            vectorSeconds = Math.Round(stopwatch.Elapsed.TotalSeconds, 1);
        }
        double? embedSeconds = null;
        if (embed && index.Enabled)
        {
            stopwatch.Restart();
            await index.EmbedMissingAsync();
            embedSeconds = Math.Round(stopwatch.Elapsed.TotalSeconds, 1);
        }
        var questions = questionFile is not null
            ? EvalQuestionFile.Read(questionFile).Select(q => q.Question).ToList()
            : DefaultQuestions;
        var searcher = services.GetRequiredService<PaperSearcher>();
        var answerer = services.GetRequiredService<ExtractiveAnswerer>();
        var underWriteLock = FirstSearchUnderWriteLockMs(factory, questions[0]);
        stopwatch.Restart();
        searcher.Search(questions[0], 10); // trains the corpus vectors
        var first = stopwatch.Elapsed.TotalMilliseconds;
        // One untimed pass warms SQLite's page cache and the JIT, so the timed passes show steady state.
        await TimeAsync(questions, q => answerer.RespondAsync(q));
        var search = await TimeAsync(questions, q => Task.FromResult(searcher.Search(q, 10)));
        // Each question is asked AskRounds times, so the p95 is read from 100 answers rather than being the slowest of 20.
        var askEach = await TimeEachAsync([.. Enumerable.Repeat(questions, AskRounds).SelectMany(q => q)], q => answerer.RespondAsync(q));
        var ask = askEach.Select(t => t.Ms).Order().ToList();
        List<double>? embedTimes = null, dense = null;
        if (index.Available)
        {
            // The question's embedding alone, then the search with it (keywords, corpus vectors and dense fused).
            var embeddings = new Dictionary<string, PaperBot.Core.Retrieval.QueryEmbedding?>(StringComparer.Ordinal);
            embedTimes = await TimeAsync(questions, async q => embeddings[q] = await index.EmbedQueryAsync(q));
            dense = await TimeAsync(questions, q => Task.FromResult(searcher.Search(q, 10, embeddings[q])));
        }
        return new BenchmarkReport
        {
            Corpus = corpus,
            Files = ingest.Files,
            Papers = store.CountPapers(),
            IngestSeconds = Math.Round(ingestSeconds, 1),
            PapersPerSecond = Math.Round(ingest.Papers / Math.Max(ingestSeconds, 0.001), 0),
            DatabaseMegabytes = Math.Round(size / 1e6, 1),
            FirstSearchMs = Math.Round(first, 0),
            FirstSearchUnderWriteLockMs = Math.Round(underWriteLock, 0),
            Queries = questions.Count,
            SearchMedianMs = EvalRunner.Percentile(search, 0.5),
            SearchP95Ms = EvalRunner.Percentile(search, 0.95),
            AskMedianMs = EvalRunner.Percentile(ask, 0.5),
            AskP95Ms = EvalRunner.Percentile(ask, 0.95),
            SlowestAsks = askEach.DistinctBy(t => t.Question).Take(3).Select(t => new TimedQuestion(t.Question, Math.Round(t.Ms, 1))).ToList(),
            VectorSeconds = vectorSeconds,
            EmbedSeconds = embedSeconds,
            Passages = passages,
            EmbedQuestionP95Ms = embedTimes is null ? null : EvalRunner.Percentile(embedTimes, 0.95),
            DenseSearchMedianMs = dense is null ? null : EvalRunner.Percentile(dense, 0.5),
            DenseSearchP95Ms = dense is null ? null : EvalRunner.Percentile(dense, 0.95),
            PeakMemoryMegabytes = Math.Round(PeakMemoryBytes() / 1e6, 0),
            ProcessorCount = Environment.ProcessorCount,
        };
    }

    /// <summary>
    /// The first search of a process while another connection holds the write lock, as an ingest does for minutes: it
    /// trains the corpus vectors and cannot save them, and must not wait for the lock. SavedCorpusVectorsTests proves
    /// that it does not wait, by ordering; how long it takes is measured here, not asserted in a test.
    /// </summary>
    private static double FirstSearchUnderWriteLockMs(SqliteConnectionFactory factory, string question)
    {
        using var writer = factory.Open();
        using (var begin = writer.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE;";
            begin.ExecuteNonQuery();
        }
        try
        {
            using var connection = factory.Open();
            var stems = PaperBot.Core.Text.Tokenizer.Words(question).Select(PaperBot.Core.Text.PorterStemmer.Stem).ToList();
            var stopwatch = Stopwatch.StartNew();
            new CorpusVectors().Rank(connection, stems, 10);
            return stopwatch.Elapsed.TotalMilliseconds;
        }
        finally
        {
            using var rollback = writer.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
        }
    }

    private const int AskRounds = 5;

    // MiniLM and Arctic-xs both embed in 384 dimensions.
    private const int Dimensions = 384;

    private static async Task<List<double>> TimeAsync<T>(IReadOnlyList<string> questions, Func<string, Task<T>> action) =>
        (await TimeEachAsync(questions, action)).Select(t => t.Ms).Order().ToList();

    /// <summary>Each question's time, slowest first, so a report can name the question behind the p95.</summary>
    private static async Task<List<(string Question, double Ms)>> TimeEachAsync<T>(IReadOnlyList<string> questions, Func<string, Task<T>> action)
    {
        var times = new List<(string Question, double Ms)>();
        foreach (var q in questions)
        {
            var stopwatch = Stopwatch.StartNew();
            await action(q);
            times.Add((q, stopwatch.Elapsed.TotalMilliseconds));
        }
        return times.OrderByDescending(t => t.Ms).ToList();
    }

    /// <summary>The process's high-water mark of resident memory (VmHWM on Linux), else the runtime's peak working set.</summary>
    private static long PeakMemoryBytes()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], out var kb))
            {
                return kb * 1024;
            }
        }
        return Process.GetCurrentProcess().PeakWorkingSet64;
    }

    private static string Describe(BenchmarkReport r) =>
        $"""
        {r.Papers} papers from {r.Files} files ({r.Corpus}), {r.ProcessorCount} cores
        ingest: {r.IngestSeconds} s, {r.PapersPerSecond} papers/s; database {r.DatabaseMegabytes} MB
        first search while an ingest holds the write lock (trains corpus vectors, cannot save them): {r.FirstSearchUnderWriteLockMs} ms
        first search (trains corpus vectors): {r.FirstSearchMs} ms
        search over {r.Queries} questions: median {r.SearchMedianMs} ms, p95 {r.SearchP95Ms} ms
        ask over {r.Queries} questions, {AskRounds} times each: median {r.AskMedianMs} ms, p95 {r.AskP95Ms} ms
        slowest asks: {string.Join("; ", r.SlowestAsks.Select(t => $"{t.Ms} ms \"{t.Question}\""))}
        embedding every paper: {(r.EmbedSeconds is null ? "not asked" : $"{r.EmbedSeconds} s")}
        synthetic vectors: {(r.VectorSeconds is null ? "none" : $"{r.Passages} passages stored in {r.VectorSeconds} s")}
        question embedding: p95 {r.EmbedQuestionP95Ms?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} ms; search with it: median {r.DenseSearchMedianMs?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} ms, p95 {r.DenseSearchP95Ms?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} ms
        peak memory: {r.PeakMemoryMegabytes} MB
        """;

    private static readonly IReadOnlyList<string> DefaultQuestions =
    [
        "any papers on speculative decoding?", "which papers tackle continual relation extraction?",
        "that paper about getting chatbots to admit they're unsure when they write long answers",
        "Kahneman-Tversky optimization with step-level binary feedback for math reasoning",
        "How many questions are in LongMemEval?", "papers from 2025", "which papers have Damai Dai as an author?",
        "mixture of experts routing", "reward models for reasoning", "weather forecasting with transformers",
        "direct preference optimization for math", "low-rank adaptation fine-tuning", "emergent misalignment",
        "multi-agent debate improves reasoning", "knowledge conflicts between context and memory",
        "text-to-SQL benchmarks", "uncertainty expressed in words", "length generalization in transformers",
        "checkpointing for distributed training", "annotator disagreement",
    ];
}
