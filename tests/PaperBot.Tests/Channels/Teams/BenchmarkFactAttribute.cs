namespace PaperBot.Tests.Teams;

/// <summary>A measurement, not a test: runs only when PAPERBOT_TEAMS_BENCH=1, so CI stays fast.</summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public BenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("PAPERBOT_TEAMS_BENCH") != "1")
        {
            Skip = "Benchmark: set PAPERBOT_TEAMS_BENCH=1 to run it.";
        }
    }
}
