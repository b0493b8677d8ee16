using Xunit.Abstractions;

namespace PaperBot.Tests.Reliability;

/// <summary>
/// Seeded fuzzing of the Discord and Teams endpoints of a real server (a longer run: the benchmark's <c>fuzz</c> command).
/// Whatever arrives: no 5xx, no stack trace in the log, the server still answers, the database intact.
/// </summary>
public sealed class ChannelFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Mutated_signed_interactions_and_token_carrying_activities_never_fail_the_server()
    {
        await using var harness = await ChannelFuzzHarness.StartAsync();

        var report = await harness.RunAsync(seed: 20261201, cases: 150, budget: TimeSpan.FromSeconds(60));

        output.WriteLine(report.ToString());
        foreach (var line in harness.StackTraces.Concat(report.ServerErrors))
        {
            output.WriteLine(line);
        }
        Assert.True(report.Cases >= 100, report.ToString());
        Assert.Empty(report.ServerErrors);
        Assert.Null(await harness.StillServingAsync());
        Assert.Empty(harness.StackTraces);
        Assert.Equal("ok", harness.IntegrityCheck());
    }
}
