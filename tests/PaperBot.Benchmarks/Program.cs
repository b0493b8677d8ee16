using PaperBot.Benchmarks;

// Benchmarks, never run by dotnet test. From the repository root:
//   dotnet run -c Release --project tests/PaperBot.Benchmarks -- core [--rounds 20] [--json]
//   dotnet run -c Release --project tests/PaperBot.Benchmarks -- discord [--seconds 3] [--concurrency 16]
//   dotnet run -c Release --project tests/PaperBot.Benchmarks -- fuzz [--seconds 120] [--seed N] [--kills 5]
var which = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "core";
var rest = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[1..] : args;
switch (which)
{
    case "core":
        CoreBenchmark.Run(rest);
        return 0;
    case "discord":
        await DiscordInteractionsBenchmark.RunAsync(rest);
        return 0;
    case "fuzz":
        return await ReliabilityBenchmark.RunAsync(rest);
    default:
        Console.Error.WriteLine($"Unknown benchmark \"{which}\"; choose core, discord or fuzz.");
        return 2;
}
