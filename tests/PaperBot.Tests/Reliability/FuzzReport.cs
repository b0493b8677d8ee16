using System.Collections.Concurrent;
using System.Net;

namespace PaperBot.Tests.Reliability;

/// <summary>What a fuzz run sent and what came back: counts per channel and status, and every server error with its case.</summary>
public sealed class FuzzReport
{
    private readonly ConcurrentDictionary<string, int> counts = new();
    private readonly ConcurrentQueue<string> serverErrors = new();

    public IReadOnlyDictionary<string, int> Counts => counts;

    public IReadOnlyList<string> ServerErrors => [.. serverErrors];

    public int Cases => counts.Values.Sum();

    public void Add(string channel, string description, HttpResponseMessage response)
    {
        using (response)
        {
            var status = (int)response.StatusCode;
            counts.AddOrUpdate($"{channel} {status}", 1, (_, n) => n + 1);
            if (status >= 500)
            {
                serverErrors.Enqueue($"{channel} {status}: {description}");
            }
        }
    }

    public override string ToString() =>
        string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}: {c.Value}")) + $"; server errors: {serverErrors.Count}";
}
