using Microsoft.Extensions.Options;
using PaperBot.Core.Ingest;

namespace PaperBot.Host.Digest.Fetch;

/// <summary>
/// Runs the enabled fetchers every Fetch:IntervalMinutes in <c>paperbot serve</c>: each result is written as a listing
/// file under Fetch:Folder (a new name each time, so earlier fetches are never replaced) and ingested, so papers seen
/// before keep their id and first arrival time.
/// </summary>
public sealed class PaperFetchService(
    IEnumerable<IPaperFetcher> fetchers,
    IngestService ingest,
    TimeProvider time,
    IOptions<FetchOptions> options,
    ILogger<PaperFetchService> logger) : BackgroundService
{
    /// <summary>Fetches once from every enabled source; returns (source, records, new papers, error) per source.</summary>
    public async Task<IReadOnlyList<(string Source, int Records, int New, string? Error)>> FetchOnceAsync(CancellationToken cancellationToken)
    {
        var results = new List<(string, int, int, string?)>();
        foreach (var fetcher in fetchers.Where(f => f.Enabled))
        {
            try
            {
                var now = time.GetUtcNow();
                var papers = await fetcher.FetchAsync(now, cancellationToken);
                if (papers.Count == 0)
                {
                    results.Add((fetcher.Name, 0, 0, null));
                    continue;
                }
                Directory.CreateDirectory(options.Value.Folder);
                var file = Path.Combine(options.Value.Folder, $"{fetcher.Name}-{now:yyyyMMdd'T'HHmmss'Z'}.txt");
                await File.WriteAllTextAsync(file, FetchedListingWriter.Write(papers), cancellationToken);
                var report = ingest.Ingest([file], cancellationToken);
                logger.LogInformation("Fetched {Count} papers from {Source}: {New} new", papers.Count, fetcher.Name, report.New);
                results.Add((fetcher.Name, report.Records, report.New, report.Errors.Count > 0 ? report.Errors[0].Message : null));
            }
            catch (Exception e) when (e is HttpRequestException or FormatException or System.Text.Json.JsonException or System.Xml.XmlException or IOException)
            {
                logger.LogWarning("Fetching from {Source} failed: {Reason}", fetcher.Name, e.Message);
                results.Add((fetcher.Name, 0, 0, e.Message));
            }
        }
        return results;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!fetchers.Any(f => f.Enabled))
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            await FetchOnceAsync(stoppingToken);
            try
            {
                await Task.Delay(TimeSpan.FromMinutes(options.Value.IntervalMinutes), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
