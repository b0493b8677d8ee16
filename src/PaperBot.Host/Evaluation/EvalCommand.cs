using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Answering;
using PaperBot.Core.Ingest;
using PaperBot.Core.Storage;
using PaperBot.Host.Cli;

namespace PaperBot.Host.Evaluation;

/// <summary><c>paperbot eval FILE.jsonl [--peer lucene] [--json]</c>: retrieval and answer quality on a question file.</summary>
public static class EvalCommand
{
    public const string LucenePeer = "lucene";

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Questions, one JSON object per line (id, kind, question, gold_titles, answer_facts)" };
        var peer = new Option<string?>("--peer") { Description = "Also rank the same papers with a peer and report it side by side: lucene" };
        peer.AcceptOnlyFromAmong(LucenePeer);
        var ablations = new Option<bool>("--ablations") { Description = "Also run the questions with each part of retrieval switched off in turn (dense, keywords, corpus vectors, acronyms…)" };
        var set = new Option<string[]>("--set") { Description = "Override a setting for this run, e.g. --set Retrieval:EmbeddingWeight=2 (repeatable)", AllowMultipleArgumentsPerToken = false };
        var command = new Command("eval", "Measure retrieval and answers on a question file: hit@1, recall@5, MRR, abstention, facts, citations, latency")
        {
            file,
            peer,
            ablations,
            set,
        };
        command.SetAction(parse => PaperBotCommandLine.RunAsync(parse, async (services, json) =>
        {
            try
            {
                services.GetRequiredService<CorpusBootstrapper>().EnsureIngested();
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
                    var tuned = await EvaluateAsync(configured, parse.GetValue(file)!, parse.GetValue(peer));
                    Console.WriteLine(json ? CliJson.Serialize(tuned) : EvalReportText.Render(tuned));
                    return 0;
                }
                var run = await EvaluateAsync(services, parse.GetValue(file)!, parse.GetValue(peer));
                Console.WriteLine(json ? CliJson.Serialize(run) : EvalReportText.Render(run));
                return 0;
            }
            catch (EvalFileException e)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }
        }));
        return command;
    }

    private static List<KeyValuePair<string, string?>> Overrides(IEnumerable<string> settings) =>
        settings.Select(s => s.Split('=', 2)).Select(p => p.Length == 2
            ? new KeyValuePair<string, string?>(p[0].Trim(), p[1].Trim())
            : throw new EvalFileException($"--set takes KEY=VALUE, not \"{p[0]}\".")).ToList();

    public static async Task<EvalRun> EvaluateAsync(IServiceProvider services, string file, string? peer)
    {
        var questions = EvalQuestionFile.Read(file);
        var store = services.GetRequiredService<PaperStore>();
        var gold = GoldResolver.FromStore(store);
        var papers = store.CountPapers();
        var systems = new List<IEvaluatedSystem> { new PaperBotSystem(services.GetRequiredService<ExtractiveAnswerer>()) };
        if (peer == LucenePeer)
        {
            systems.Add(LuceneSystem.Build(store));
        }
        try
        {
            var reports = new List<EvalReport>();
            foreach (var system in systems)
            {
                reports.Add(await EvalRunner.RunAsync(system, questions, gold, file, papers, store.Get));
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
