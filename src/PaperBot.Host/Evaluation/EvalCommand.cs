using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaperBot.Core.Answering;
using PaperBot.Core.Ingest;
using PaperBot.Core.Storage;
using PaperBot.Host.Cli;

namespace PaperBot.Host.Evaluation;

/// <summary><c>paperbot eval FILE.jsonl [--peer lucene] [--json] [--html REPORT.html]</c>: retrieval and answer quality on a question file.</summary>
public static class EvalCommand
{
    public const string LucenePeer = "lucene";

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Questions, one JSON object per line (id, kind, question, gold_titles, answer_facts)" };
        var peer = new Option<string?>("--peer") { Description = "Also rank the same papers with a peer and report it side by side: lucene" };
        peer.AcceptOnlyFromAmong(LucenePeer);
        var html = new Option<string?>("--html") { Description = "Also write a self-contained HTML report (bars per kind, the abstention heat map, sample answers) to this file" };
        var ablations = new Option<bool>("--ablations") { Description = "Also run the questions with each part of retrieval switched off in turn (dense, keywords, corpus vectors, acronyms…)" };
        var trace = new Option<bool>("--trace") { Description = "With --json: also write, per question, each ranking's papers and scores before fusion and the fused order, so fusion can be replayed offline" };
        var set = new Option<string[]>("--set") { Description = "Override a setting for this run, e.g. --set Retrieval:EmbeddingWeight=2 (repeatable)", AllowMultipleArgumentsPerToken = false };
        var command = new Command("eval", "Measure retrieval and answers on a question file: hit@1, recall@5, MRR, abstention, facts, citations, latency")
        {
            file,
            peer,
            html,
            ablations,
            trace,
            set,
        };
        command.SetAction(parse => PaperBotCommandLine.RunAsync(parse, async (services, json) =>
        {
            try
            {
                services.GetRequiredService<CorpusBootstrapper>().EnsureIngested();
                var htmlFile = parse.GetValue(html);
                if (htmlFile is not null && Path.GetDirectoryName(Path.GetFullPath(htmlFile)) is { } folder && !Directory.Exists(folder))
                {
                    // Said before the run, not after minutes of it.
                    Console.Error.WriteLine($"Cannot write the HTML report: the folder {folder} does not exist.");
                    return 1;
                }
                await CliEmbedding.EnsureEmbeddedAsync(services, CancellationToken.None);
                var overrides = Overrides(parse.GetValue(set) ?? []);
                if (parse.GetValue(ablations))
                {
                    var results = await EvalAblations.RunAsync(services, parse.GetValue(file)!, overrides);
                    Console.WriteLine(json ? CliJson.Serialize(results.Select(r => new { ablation = r.Name, report = r.Report })) : EvalAblations.Render(results));
                    return 0;
                }
                if (overrides.Count > 0)
                {
                    var database = services.GetRequiredService<SqliteConnectionFactory>().DatabasePath;
                    await using var configured = CliServices.Build(database, verbose: false, overrides);
                    // A setting may ask for vectors the default one has not stored (Embeddings:PassageTokens,
                    // Embeddings:LocalModel): they are embedded first, as for the default setting, not left missing.
                    await CliEmbedding.EnsureEmbeddedAsync(configured, CancellationToken.None);
                    var tuned = await EvaluateAsync(configured, parse.GetValue(file)!, parse.GetValue(peer), parse.GetValue(trace));
                    Console.WriteLine(json ? CliJson.Serialize(tuned) : EvalReportText.Render(tuned));
                    await WriteHtmlAsync(configured, tuned, htmlFile);
                    return 0;
                }
                var run = await EvaluateAsync(services, parse.GetValue(file)!, parse.GetValue(peer), parse.GetValue(trace));
                Console.WriteLine(json ? CliJson.Serialize(run) : EvalReportText.Render(run));
                await WriteHtmlAsync(services, run, htmlFile);
                return 0;
            }
            catch (EvalFileException e)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"Cannot write the HTML report: {e.Message}");
                return 1;
            }
        }));
        return command;
    }

    /// <summary>The HTML report, with the thresholds the run's own settings use outlined in the heat map.</summary>
    private static async Task WriteHtmlAsync(IServiceProvider services, EvalRun run, string? htmlFile)
    {
        if (htmlFile is null)
        {
            return;
        }
        var answering = services.GetRequiredService<IOptions<AnsweringOptions>>().Value;
        await File.WriteAllTextAsync(htmlFile, EvalHtmlReport.Render(run, (answering.MinCoverage, answering.MinMatchedWeight)));
        Console.Error.WriteLine($"Wrote the HTML report to {htmlFile}.");
    }

    private static List<KeyValuePair<string, string?>> Overrides(IEnumerable<string> settings) =>
        settings.Select(s => s.Split('=', 2)).Select(p => p.Length == 2
            ? new KeyValuePair<string, string?>(p[0].Trim(), p[1].Trim())
            : throw new EvalFileException($"--set takes KEY=VALUE, not \"{p[0]}\".")).ToList();

    public static async Task<EvalRun> EvaluateAsync(IServiceProvider services, string file, string? peer, bool trace = false)
    {
        var questions = EvalQuestionFile.Read(file);
        var store = services.GetRequiredService<PaperStore>();
        var gold = GoldResolver.FromStore(store);
        var papers = store.CountPapers();
        var systems = new List<IEvaluatedSystem> { new PaperBotSystem(services.GetRequiredService<ExtractiveAnswerer>(), services.GetRequiredService<SqliteConnectionFactory>()) };
        if (peer == LucenePeer)
        {
            systems.Add(LuceneSystem.Build(store));
        }
        try
        {
            var reports = new List<EvalReport>();
            foreach (var system in systems)
            {
                reports.Add(await EvalRunner.RunAsync(system, questions, gold, file, papers, store.Get, trace));
            }
            return new EvalRun(reports);
        }
        finally
        {
            foreach (var system in systems.OfType<IDisposable>())
            {
                system.Dispose();
            }
        }
    }
}
