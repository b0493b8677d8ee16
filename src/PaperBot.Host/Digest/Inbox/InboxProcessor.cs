using System.Data.Common;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
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
/// <remarks>
/// Replicas sharing PostgreSQL claim each file by its identity (name, size, SHA-256) before touching it
/// (<see cref="IIngestClaims"/>): with one inbox folder shared by several replicas, or the same file arriving in two
/// replicas' inboxes, it is ingested once. A file in <c>processing/</c> is another replica's work while its claim
/// holds, and becomes anyone's when that replica died. Without the shared database a file is left where it is.
/// </remarks>
public sealed partial class InboxProcessor(IngestService ingest, IIngestClaims claims, TimeProvider time, IOptions<InboxOptions> options, ILogger<InboxProcessor> logger)
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
            IngestWork? work = null;
            if (claims.IsShared)
            {
                // Left here by a replica that died (its claim ran out), or being ingested right now by a live one.
                work = Identify(leftOver, DroppedName(Path.GetFileName(leftOver)));
                var claim = work is null ? null : TryClaim(work);
                if (claim is null || claim.State == IngestClaimState.HeldElsewhere)
                {
                    continue;
                }
                if (claim.State != IngestClaimState.Claimed)
                {
                    // Ingested (or failed) by a replica that died before it moved the file on.
                    if (Settle(inbox, leftOver, claim) is { } settled)
                    {
                        outcomes.Add(settled);
                    }
                    continue;
                }
            }
            if (Ingest(inbox, leftOver, work) is { } outcome)
            {
                outcomes.Add(outcome);
            }
        }
        foreach (var dropped in Directory.EnumerateFiles(inbox).Where(IsReady).Order(StringComparer.Ordinal).ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            IngestWork? work = null;
            if (claims.IsShared)
            {
                work = Identify(dropped, Path.GetFileName(dropped));
                var claim = work is null ? null : TryClaim(work);
                if (claim is null || claim.State == IngestClaimState.HeldElsewhere)
                {
                    continue;
                }
                if (claim.State != IngestClaimState.Claimed)
                {
                    // The same file reached another replica first: ingesting it again would add its listing twice.
                    if (Settle(inbox, dropped, claim) is { } settled)
                    {
                        outcomes.Add(settled);
                    }
                    continue;
                }
            }
            var stamped = Path.Combine(inbox, Processing, Stamp(Path.GetFileName(dropped)));
            try
            {
                File.Move(dropped, stamped);
            }
            catch (IOException e)
            {
                logger.LogDebug("Inbox file {File} is busy; trying next pass: {Reason}", dropped, e.Message);
                Release(work);
                continue;
            }
            if (Ingest(inbox, stamped, work) is { } outcome)
            {
                outcomes.Add(outcome);
            }
        }
        return outcomes;
    }

    private string Stamp(string name) => $"{time.GetUtcNow():yyyyMMdd'T'HHmmssfff'Z'}_{name}";

    /// <summary>The name a file was dropped under, from its stamped name in processing/.</summary>
    private static string DroppedName(string stamped) => StampPrefix().Match(stamped) is { Success: true } m ? m.Groups[1].Value : stamped;

    [GeneratedRegex(@"^\d{8}T\d{9}Z_(.+)$")]
    private static partial Regex StampPrefix();

    /// <summary>The file's identity across replicas, or null when it is gone (another replica moved it first).</summary>
    private IngestWork? Identify(string path, string name)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var sha = Convert.ToHexStringLower(SHA256.HashData(stream));
            return IngestWork.InboxFile(name, stream.Length, sha);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogDebug("Inbox file {File} cannot be read now; trying next pass: {Reason}", path, e.Message);
            return null;
        }
    }

    /// <summary>The claim, or null when the shared database cannot be reached: the file then stays where it is, nothing lost.</summary>
    private IngestClaim? TryClaim(IngestWork work)
    {
        try
        {
            return claims.Claim(work);
        }
        catch (DbException e)
        {
            logger.LogWarning("Inbox: the shared database cannot be reached ({Reason}); files stay in the inbox until it can.", e.Message);
            return null;
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
            // The claim runs out with its lease instead.
            logger.LogDebug("Inbox: could not release a claim: {Reason}", e.Message);
        }
    }

    /// <summary>A file some replica already finished: moved on without ingesting it again.</summary>
    private InboxFileOutcome? Settle(string inbox, string path, IngestClaim claim)
    {
        var name = Path.GetFileName(path);
        var failed = claim.State == IngestClaimState.Failed;
        var destination = Path.Combine(inbox, failed ? Failed : Processed, DroppedName(name) == name ? Stamp(name) : name);
        var note = $"the same file (name, size and content) was already {(failed ? "tried" : "ingested")} by {claim.By} at {claim.FinishedAt:u}: {claim.Outcome}";
        try
        {
            File.Move(path, destination, overwrite: false);
        }
        catch (IOException e)
        {
            logger.LogDebug("Inbox file {File} was moved by another replica: {Reason}", path, e.Message);
            return null;
        }
        if (failed)
        {
            File.WriteAllText(destination + ".error.txt", note + Environment.NewLine);
        }
        logger.LogInformation("Inbox: {File} not ingested again: {Note}", name, note);
        return new InboxFileOutcome(name, false, destination, 0, 0, note);
    }

    /// <summary>Ingests a file in processing/ and moves it on; null when it stays there to be tried again.</summary>
    private InboxFileOutcome? Ingest(string inbox, string path, IngestWork? work)
    {
        var name = Path.GetFileName(path);
        string? error;
        var records = 0;
        var created = 0;
        try
        {
            // Renewed while a large file takes its time, so no other replica takes it over meanwhile.
            using var held = work is null ? null : claims.KeepClaimed(work);
            // Known by its stamped name, not by where it lies: it is moved to processed/ afterwards.
            var report = ingest.IngestAs(path, "inbox/" + name);
            records = report.Records;
            created = report.New;
            error = report.Errors.Count > 0 ? string.Join("; ", report.Errors.Select(e => e.Message))
                : report.Records == 0 ? "no paper records were found in it (is it a saved listing page?)"
                : null;
        }
        catch (OperationCanceledException)
        {
            // Stopping mid-file: it stays in processing/, free for the next replica (or this one's next start) at once.
            Release(work);
            throw;
        }
        catch (DbException e) when (work is not null)
        {
            // Nothing was published, so nothing was written: the file stays in processing/ under this replica's claim
            // and is ingested at a later pass (by another replica if this one dies first), not marked failed.
            logger.LogWarning("Inbox: {File} waits in processing/: the shared database cannot be reached ({Reason})", name, e.Message);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            error = $"ingest failed: {e.Message}";
        }
        var destination = Path.Combine(inbox, error is null ? Processed : Failed, name);
        // Moved before the claim is finished: a replica scanning a shared processing/ meanwhile finds it held, not done.
        File.Move(path, destination, overwrite: false);
        if (work is not null)
        {
            try
            {
                claims.Finish(work, error is null, error ?? $"{records} records, {created} new papers, as inbox/{name}");
            }
            catch (DbException e)
            {
                logger.LogWarning("Inbox: {File} is ingested but the shared database did not record it ({Reason}); a copy of it in another replica's inbox would be ingested again.", name, e.Message);
            }
        }
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
