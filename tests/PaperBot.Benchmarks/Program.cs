using PaperBot.Benchmarks;

// Benchmarks, never run by dotnet test. From the repository root:
//   dotnet run -c Release --project tests/PaperBot.Benchmarks -- core [--rounds 20] [--json]
//   dotnet run -c Release --project tests/PaperBot.Benchmarks -- answers [--questions FILE.jsonl] [--rounds 10] [--json]
//   dotnet run -c Release --project tests/PaperBot.Benchmarks -- discord [--seconds 3] [--concurrency 16]
//   dotnet run -c Release --project tests/PaperBot.Benchmarks -- fuzz-ingest [--seconds 120] [--seed N] [--kills 5]
//   dotnet run -c Release --project tests/PaperBot.Benchmarks -- burst [--n 200] [--concurrency 64] [--timeout 600]
//   dotnet run -c Release --project tests/PaperBot.Benchmarks -- fuzz-channels [--seed N] [--cases 2000] [--seconds 300]
//   dotnet run -c Release --project tests/PaperBot.Benchmarks -- replicas [--seconds 20] [--concurrency 8]
var which = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "core";
var rest = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[1..] : args;
switch (which)
{
    case "core":
        CoreBenchmark.Run(rest);
        return 0;
    case "answers":
        await AnswerLatencyBenchmark.RunAsync(rest);
        return 0;
    case "discord":
        await DiscordInteractionsBenchmark.RunAsync(rest);
        return 0;
    case "fuzz-ingest":
        return await ReliabilityBenchmark.RunAsync(rest);
    case "burst":
        await DiscordBurstBenchmark.RunAsync(rest);
        return 0;
    case "fuzz-channels":
        return await ChannelFuzzBenchmark.RunAsync(rest);
    case "replicas":
        return await ReplicaBenchmark.RunAsync(rest);
    default:
        Console.Error.WriteLine($"Unknown benchmark \"{which}\"; choose core, answers, discord, burst, fuzz-ingest, fuzz-channels or replicas.");
        return 2;
}
