using System.Data.Common;
using Microsoft.Extensions.Options;
using PaperBot.Core.Ingest;

namespace PaperBot.Host.Digest.Fetch;

/// <summary>
/// Runs the enabled fetchers every Fetch:IntervalMinutes in <c>paperbot serve</c>: each result is written as a listing
/// file under Fetch:Folder (a new name each time, so earlier fetches are never replaced) and ingested, so papers seen
/// before keep their id and first arrival time. Replicas sharing PostgreSQL fetch each source once per interval between
/// them: the replica that claims the period (<see cref="IIngestClaims"/>) fetches; the others get its papers from the
/// shared listing log.
/// </summary>
public sealed class PaperFetchService(
    IEnumerable<IPaperFetcher> fetchers,
    IngestService ingest,
    IIngestClaims claims,
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
            var now = time.GetUtcNow();
            var work = claims.IsShared ? IngestWork.Fetch(fetcher.Name, PeriodStart(now)) : null;
            if (work is not null)
            {
                IngestClaim claim;
                try
                {
                    claim = claims.Claim(work);
                }
                catch (DbException e)
                {
                    logger.LogWarning("Not fetching from {Source}: the shared database cannot be reached ({Reason})", fetcher.Name, e.Message);
                    results.Add((fetcher.Name, 0, 0, $"the shared database cannot be reached: {e.Message}"));
                    continue;
                }
                if (claim.State != IngestClaimState.Claimed)
                {
                    logger.LogDebug("{Source} is fetched for this period by {Replica}", fetcher.Name, claim.By);
                    results.Add((fetcher.Name, 0, 0, null));
                    continue;
                }
            }
            try
            {
                // Renewed while a slow source answers, so no other replica fetches the same period meanwhile.
                using var held = work is null ? null : claims.KeepClaimed(work);
                var papers = await fetcher.FetchAsync(now, cancellationToken);
                if (papers.Count == 0)
                {
                    Finish(work, "no papers");
                    results.Add((fetcher.Name, 0, 0, null));
                    continue;
                }
                Directory.CreateDirectory(options.Value.Folder);
                var file = Path.Combine(options.Value.Folder, $"{fetcher.Name}-{now:yyyyMMdd'T'HHmmss'Z'}.txt");
                await File.WriteAllTextAsync(file, FetchedListingWriter.Write(papers), cancellationToken);
                var report = ingest.Ingest([file], cancellationToken);
                logger.LogInformation("Fetched {Count} papers from {Source}: {New} new", papers.Count, fetcher.Name, report.New);
                Finish(work, $"{papers.Count} papers, {report.New} new, as {Path.GetFileName(file)}");
                results.Add((fetcher.Name, report.Records, report.New, report.Errors.Count > 0 ? report.Errors[0].Message : null));
            }
            catch (OperationCanceledException)
            {
                // Stopping mid-fetch: another replica may fetch this period now rather than after the lease.
                Release(work);
                throw;
            }
            catch (Exception e) when (e is HttpRequestException or FormatException or System.Text.Json.JsonException or System.Xml.XmlException or IOException or DbException)
            {
                // A shared database that went away is one more reason to try again later, never to stop the host.
                logger.LogWarning("Fetching from {Source} failed: {Reason}", fetcher.Name, e.Message);
                Release(work);
                results.Add((fetcher.Name, 0, 0, e.Message));
            }
        }
        return results;
    }

    /// <summary>The interval a moment falls in, counted from the Unix epoch: the same for every replica's timer.</summary>
    private DateTimeOffset PeriodStart(DateTimeOffset now)
    {
        var interval = TimeSpan.FromMinutes(options.Value.IntervalMinutes).Ticks;
        var sinceEpoch = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return DateTimeOffset.UnixEpoch.AddTicks(sinceEpoch - sinceEpoch % interval);
    }

    private void Finish(IngestWork? work, string outcome)
    {
        if (work is null)
        {
            return;
        }
        try
        {
            claims.Finish(work, succeeded: true, outcome);
        }
        catch (DbException e)
        {
            // The fetch is ingested and published; another replica may fetch the same period again once the lease runs out.
            logger.LogWarning("A fetch could not be recorded as done: {Reason}", e.Message);
        }
    }

    private void Release(IngestWork? work)
    {
        if (work is null)
        {
            return;
        }
        try
        {
            claims.Release(work);
        }
        catch (DbException e)
        {
            logger.LogDebug("Could not release a fetch claim: {Reason}", e.Message);
        }
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
