using Microsoft.Extensions.Options;
using PaperBot.Core.Ingest;

namespace PaperBot.Host.Digest.Inbox;

/// <summary>
/// Ingests files dropped into the inbox folder. Each file is first moved to <c>processing/</c> under a unique,
/// time-stamped name (so two drops called "today.txt" never replace each other's papers), ingested, then moved to
/// <c>processed/</c>, or to <c>failed/</c> with a <c>.error.txt</c> note beside it. Nothing is deleted; a file left in
/// <c>processing/</c> by a crash is ingested on the next pass. Names starting with "." or "~" and .tmp/.part files
/// are still being written and are left alone: write under such a name and rename when done.
/// </summary>
public sealed class InboxProcessor(IngestService ingest, TimeProvider time, IOptions<InboxOptions> options, ILogger<InboxProcessor> logger)
{
    public const string Processing = "processing";
    public const string Processed = "processed";
    public const string Failed = "failed";

    private static readonly string[] UnfinishedSuffixes = [".tmp", ".part", ".partial", ".crdownload", ".error.txt"];

    public string? Folder => string.IsNullOrWhiteSpace(options.Value.Inbox) ? null : Path.GetFullPath(options.Value.Inbox);

    public IReadOnlyList<InboxFileOutcome> ProcessOnce(CancellationToken cancellationToken = default)
    {
        if (Folder is not { } inbox)
        {
            return [];
        }
        foreach (var sub in new[] { Processing, Processed, Failed })
        {
            Directory.CreateDirectory(Path.Combine(inbox, sub));
        }
        var outcomes = new List<InboxFileOutcome>();
        foreach (var leftOver in Directory.EnumerateFiles(Path.Combine(inbox, Processing)).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            outcomes.Add(Ingest(inbox, leftOver));
        }
        foreach (var dropped in Directory.EnumerateFiles(inbox).Where(IsReady).Order(StringComparer.Ordinal).ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stamped = Path.Combine(inbox, Processing, $"{time.GetUtcNow():yyyyMMdd'T'HHmmssfff'Z'}_{Path.GetFileName(dropped)}");
            try
            {
                File.Move(dropped, stamped);
            }
            catch (IOException e)
            {
                logger.LogDebug("Inbox file {File} is busy; trying next pass: {Reason}", dropped, e.Message);
                continue;
            }
            outcomes.Add(Ingest(inbox, stamped));
        }
        return outcomes;
    }

    private InboxFileOutcome Ingest(string inbox, string path)
    {
        var name = Path.GetFileName(path);
        string? error;
        var records = 0;
        var created = 0;
        try
        {
            // Known by its stamped name, not by where it lies: it is moved to processed/ afterwards.
            var report = ingest.IngestAs(path, "inbox/" + name);
            records = report.Records;
            created = report.New;
            error = report.Errors.Count > 0 ? string.Join("; ", report.Errors.Select(e => e.Message))
                : report.Records == 0 ? "no paper records were found in it (is it a saved listing page?)"
                : null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            error = $"ingest failed: {e.Message}";
        }
        var destination = Path.Combine(inbox, error is null ? Processed : Failed, name);
        File.Move(path, destination, overwrite: false);
        if (error is null)
        {
            logger.LogInformation("Inbox: ingested {File}: {Records} records, {New} new papers", name, records, created);
        }
        else
        {
            File.WriteAllText(destination + ".error.txt", error + Environment.NewLine);
            logger.LogWarning("Inbox: {File} moved to failed/: {Reason}", name, error);
        }
        return new InboxFileOutcome(name, error is null, destination, records, created, error);
    }

    private static bool IsReady(string path)
    {
        var name = Path.GetFileName(path);
        return !name.StartsWith('.') && !name.StartsWith('~') &&
               !UnfinishedSuffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase));
    }
}
