namespace PaperBot.Benchmarks;

/// <summary>Median and 95th percentile of a set of timings, in milliseconds.</summary>
public sealed record LatencyStats(string Name, int Samples, double MedianMs, double P95Ms, double MaxMs)
{
    public static LatencyStats From(string name, List<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        return new LatencyStats(name, sorted.Count, Math.Round(At(0.5), 3), Math.Round(At(0.95), 3), Math.Round(sorted[^1], 3));
    }

    public override string ToString() => $"{Name,-28} n={Samples,-5} median {MedianMs,8:0.000} ms   p95 {P95Ms,8:0.000} ms   max {MaxMs,8:0.000} ms";
}
