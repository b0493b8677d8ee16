using System.CommandLine;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaperBot.Core.Answering;
using PaperBot.Core.Chat;
using PaperBot.Core.Conversations;
using PaperBot.Core.Ingest;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Storage;
using PaperBot.Core.Storage.Postgres;
using PaperBot.Host.Channels.Discord;
using PaperBot.Host.Server;

namespace PaperBot.Host.Cli;

/// <summary>The <c>paperbot</c> verbs. Each has --json for machine-readable output and --db to pick the database.</summary>
public static class PaperBotCommandLine
{
    public static readonly Option<string?> DbOption = new("--db")
    {
        Description = "SQLite database file (default data/paperbot.db, or PaperBot:Database)",
        Recursive = true,
    };

    public static readonly Option<bool> JsonOption = new("--json") { Description = "Machine-readable JSON output", Recursive = true };

    public static readonly Option<bool> VerboseOption = new("--verbose") { Description = "Log details to stderr", Recursive = true };

    public static RootCommand Build()
    {
        var root = new RootCommand("PaperBot: cited answers about a reading list of ML papers, in the terminal, Discord and Teams.");
        root.Options.Add(DbOption);
        root.Options.Add(JsonOption);
        root.Options.Add(VerboseOption);
        root.Subcommands.Add(Ingest());
        root.Subcommands.Add(Search());
        root.Subcommands.Add(Ask());
        root.Subcommands.Add(PaperCommand());
        root.Subcommands.Add(Stats());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(ChatVerb.Create());
        root.Subcommands.Add(Channels.Teams.TeamsCommand.Create());
        root.Subcommands.Add(Digest.DigestCommandLine.Create());
        root.Subcommands.Add(DiscordCommandLine.Create());
        root.Subcommands.Add(Evaluation.EvalCommand.Create());
        root.Subcommands.Add(Benchmark.BenchmarkCommand.Create());
        root.Subcommands.Add(BackupCommand.Create());
        root.Subcommands.Add(MigrateStorageCommand.Create());
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(Digest.Fetch.AddPaperCommand.Create());
        return root;
    }

    /// <summary>Runs a verb with its services, turning expected failures into a clear message and exit code 1 (2 for configuration).</summary>
    public static int Run(ParseResult parse, Func<IServiceProvider, bool, int> body) =>
        RunAsync(parse, (services, json) => Task.FromResult(body(services, json))).GetAwaiter().GetResult();

    public static async Task<int> RunAsync(ParseResult parse, Func<IServiceProvider, bool, Task<int>> body)
    {
        try
        {
            await using var services = CliServices.Build(parse.GetValue(DbOption), parse.GetValue(VerboseOption));
            return await body(services, parse.GetValue(JsonOption));
        }
        catch (Exception e) when (ConfigurationErrors.TryDescribe(e, out var message))
        {
            Console.Error.WriteLine(message);
            return 2;
        }
        catch (SqliteException e)
        {
            Console.Error.WriteLine($"Database error: {e.Message}");
            return 1;
        }
        catch (SchemaTooNewException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }

    private static Command Ingest()
    {
        var paths = new Argument<string[]>("paths") { Description = "Listing files or folders (default: the corpus folder)", Arity = ArgumentArity.ZeroOrMore };
        var source = new Option<string?>("--source")
        {
            Description = "Know the one file or folder given by this name instead of its path (a folder's files as NAME/relative path)",
        };
        var command = new Command("ingest", "Parse listing files into papers (re-ingesting unchanged files changes nothing)") { paths, source };
        command.Validators.Add(result =>
        {
            if (result.GetValue(source) is { } name && (string.IsNullOrWhiteSpace(name) || (result.GetValue(paths)?.Length ?? 0) != 1))
            {
                result.AddError("--source names exactly one file or folder: give one path with it, and a name that is not empty.");
            }
        });
        command.SetAction(parse => Run(parse, (services, json) =>
        {
            var given = parse.GetValue(paths) ?? [];
            var targets = given.Length > 0 ? given : [services.GetRequiredService<IOptions<StorageOptions>>().Value.Corpus];
            var ingest = services.GetRequiredService<IngestService>();
            var report = parse.GetValue(source) is { } name ? ingest.IngestAs(targets[0], name) : ingest.Ingest(targets);
            Console.WriteLine(json ? CliJson.Serialize(report) : CliOutput.Describe(report));
            return report.Errors.Count > 0 && report.Files == 0 ? 1 : 0;
        }));
        return command;
    }

    private static Command Search()
    {
        var query = new Argument<string>("query") { Description = "What to look for" };
        var top = new Option<int>("--top") { Description = "How many papers (1-100)", DefaultValueFactory = _ => 10 };
        var command = new Command("search", "Find the papers that best match some words") { query, top };
        command.SetAction(parse => Run(parse, (services, json) =>
        {
            services.GetRequiredService<CorpusBootstrapper>().EnsureIngested();
            var result = services.GetRequiredService<PaperSearcher>().Search(parse.GetValue(query), parse.GetValue(top));
            if (json)
            {
                Console.WriteLine(CliJson.Serialize(CliOutput.From(result)));
            }
            else if (result.Message is not null)
            {
                Console.WriteLine(result.Message);
            }
            else if (result.Hits.Count == 0)
            {
                Console.WriteLine($"No paper among the {result.PapersSearched} matches that.");
            }
            else
            {
                foreach (var hit in result.Hits)
                {
                    Console.WriteLine($"{hit.Paper.Id}  {hit.Score,7:0.00}  {hit.Paper.Title}" + (hit.Paper.Date is { } d ? $" ({d.ToDisplay()})" : ""));
                }
            }
            return result.Message is null ? 0 : 1;
        }));
        return command;
    }

    private static Command Ask()
    {
        var question = new Argument<string>("question") { Description = "A question about the papers" };
        var conversation = new Option<string?>("--conversation") { Description = "Conversation id: follow-ups resolve against earlier answers with the same id" };
        var command = new Command("ask", "Answer a question with citations to the papers used") { question, conversation };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, async (services, json) =>
        {
            var warmUp = CliEmbedding.WarmUpAsync(services, cancellationToken);
            services.GetRequiredService<CorpusBootstrapper>().EnsureIngested();
            await CliEmbedding.EnsureEmbeddedAsync(services, cancellationToken);
            await warmUp;
            var conversationId = parse.GetValue(conversation);
            var answer = await services.GetRequiredService<ConversationalAnswerService>()
                .AnswerAsync(parse.GetValue(question) ?? "", conversationId, cancellationToken: cancellationToken);
            Console.WriteLine(json ? CliJson.Serialize(CliOutput.From(answer, conversationId)) : PaperBotAssistant.FromAnswer(answer).ToPlainText());
            return 0;
        }));
        return command;
    }

    private static Command PaperCommand()
    {
        var id = new Argument<string>("id") { Description = "The paper's short id, as shown by search and ask" };
        var command = new Command("paper", "Show everything stored about one paper") { id };
        command.SetAction(parse => Run(parse, (services, json) =>
        {
            services.GetRequiredService<CorpusBootstrapper>().EnsureIngested();
            var paper = services.GetRequiredService<PaperStore>().Get(parse.GetValue(id) ?? "");
            if (paper is null)
            {
                Console.Error.WriteLine($"No paper has the id \"{parse.GetValue(id)}\". Use search to find ids.");
                return 1;
            }
            Console.WriteLine(json
                ? CliJson.Serialize(CliOutput.From(paper))
                : services.GetRequiredService<PaperBotAssistant>().PaperDetails(paper.Id).ToPlainText());
            return 0;
        }));
        return command;
    }

    private static Command Stats()
    {
        var command = new Command("stats", "Counts of papers, sources and ingest runs, and how much metadata they carry");
        command.SetAction(parse => Run(parse, (services, json) =>
        {
            var stats = services.GetRequiredService<PaperStore>().Stats();
            if (SharedStorageServiceCollectionExtensions.IsShared(services))
            {
                // Every replica's runs, not only the ones this file saw: any replica reports the same history.
                var runs = services.GetRequiredService<PostgresIngestRuns>();
                try
                {
                    stats = stats with { SharedIngestRuns = runs.Count(), NewestSharedIngest = runs.Newest(1) is [var newest, ..] ? newest.ToString() : "" };
                }
                catch (System.Data.Common.DbException e)
                {
                    // This file's counts are still worth showing.
                    stats = stats with { NewestSharedIngest = $"the shared database cannot be reached: {e.Message}" };
                }
            }
            if (json)
            {
                Console.WriteLine(CliJson.Serialize(stats));
            }
            else
            {
                foreach (var property in typeof(StoreStats).GetProperties().Where(p => p.GetValue(stats) is not null))
                {
                    Console.WriteLine($"{property.Name,-22} {property.GetValue(stats)}");
                }
            }
            return 0;
        }));
        return command;
    }
}
