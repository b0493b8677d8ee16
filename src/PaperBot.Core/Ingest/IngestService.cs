using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperBot.Core.Papers;
using PaperBot.Core.Storage;

namespace PaperBot.Core.Ingest;

/// <summary>
/// Turns listing files into papers in one transaction per run. A record joins the paper that already owns
/// its title or abstract key, so ids survive re-ingest; unchanged files are skipped by hash; a file that
/// cannot be read is reported and leaves everything it contributed before untouched.
/// </summary>
/// <remarks>
/// A file is known by its identity: its path under <see cref="IngestOptions.Root"/> (or its full path outside it), or
/// a source name the caller gives. Only a file with the same identity replaces what a file gave before; another file
/// with the same base name is another listing. Every file is read and parsed before the write transaction starts, so
/// a slow or stuck read never holds the write lock that answers and other writers wait for.
/// </remarks>
public sealed class IngestService
{
    /// <summary>
    /// Page cache of the ingest connection while it runs (in KiB). A large run rewrites index pages all over the
    /// file; with SQLite's default 2 MB cache every one of them went back through the WAL. Given back afterwards,
    /// because the connection returns to the pool.
    /// </summary>
    private const int IngestCacheKib = 256 * 1024;

    /// <summary>How much tokenised text FTS5 holds in memory before writing a segment (its 'hashsize' setting).</summary>
    private const int FtsPendingBytes = 32 * 1024 * 1024;

    private readonly SqliteConnectionFactory _database;
    private readonly TimeProvider _time;
    private readonly ILogger<IngestService> _logger;
    private readonly IngestOptions _options;
    private readonly string _corpus;

    private readonly ISharedListingLog _shared;

    /// <summary>One shared ingest or catch-up at a time in this process; the shared log's lock orders replicas.</summary>
    private readonly object _sharedGate = new();

    /// <summary>The newest entry of the shared log this replica has applied (or found it already held).</summary>
    private long _appliedSharedSeq;

    public IngestService(SqliteConnectionFactory database, TimeProvider time, ILogger<IngestService> logger)
        : this(database, time, logger, Options.Create(new IngestOptions()), Options.Create(new StorageOptions()), new UnsharedListingLog())
    {
    }

    public IngestService(SqliteConnectionFactory database, TimeProvider time, ILogger<IngestService> logger,
        IOptions<IngestOptions> options, IOptions<StorageOptions> storage, ISharedListingLog shared)
    {
        _database = database;
        _time = time;
        _logger = logger;
        _options = options.Value;
        _corpus = Path.GetFullPath(storage.Value.Corpus);
        _shared = shared;
    }

    /// <summary>
    /// Applies the listings other replicas published since the last call (none when nothing is shared), so this
    /// replica's index holds their papers. Returns the number of listings applied.
    /// </summary>
    public int CatchUpShared(CancellationToken cancellationToken = default)
    {
        if (!_shared.IsShared)
        {
            return 0;
        }
        lock (_sharedGate)
        {
            return ApplyShared(cancellationToken);
        }
    }

    private int ApplyShared(CancellationToken cancellationToken)
    {
        var heads = _shared.NewestAfter(_appliedSharedSeq, cancellationToken);
        if (heads.Count == 0)
        {
            return 0;
        }
        var held = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var connection = _database.Open())
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT file, sha256 FROM ingested_files";
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                held[reader.GetString(0)] = reader.GetString(1);
            }
        }
        var missing = heads.Where(h => !held.TryGetValue(h.Name, out var sha) || sha != h.Sha256).ToList();
        // A few listings per transaction: their text is held in memory until written, and a listing is up to Ingest:MaxFileBytes.
        // Listings published by one ingest share its time, which becomes their new papers' first-seen time here too.
        foreach (var batch in missing.GroupBy(h => h.PublishedAt).SelectMany(g => g.Chunk(8)))
        {
            var files = batch.Select(h => _shared.Read(h.Seq, cancellationToken)).ToList();
            var report = RunFiles(files.Select(f => (f.Name, (ListingFile?)f, (string?)null)), publication: null, cancellationToken, seenAt: batch[0].PublishedAt);
            _logger.LogInformation("Applied {Count} listings published by other replicas: {Papers} papers ({New} new, {Updated} updated)",
                batch.Length, report.Papers, report.New, report.Updated);
        }
        _appliedSharedSeq = heads.Max(h => h.Seq);
        return missing.Count;
    }

    /// <summary>Ingests files and folders, each file known by its path under the ingest root.</summary>
    public IngestReport Ingest(IEnumerable<string> paths, CancellationToken cancellationToken = default) =>
        Run(paths.Select(p => (p, (string?)null)).ToList(), cancellationToken);

    /// <summary>
    /// Ingests one file or folder under an explicit source name (a folder's files as <c>NAME/relative path</c>): for
    /// listings whose path says nothing stable, such as files dropped into the inbox and moved afterwards.
    /// </summary>
    public IngestReport IngestAs(string path, string sourceName, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(sourceName))
        {
            throw new ArgumentException("A source name must not be empty.", nameof(sourceName));
        }
        return Run([(path, sourceName.Trim())], cancellationToken);
    }

    private IngestReport Run(IReadOnlyCollection<(string Path, string? SourceName)> targets, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(string.IsNullOrWhiteSpace(_options.Root) ? Directory.GetCurrentDirectory() : _options.Root);
        var listings = targets.SelectMany(t => ListingFile.Expand(t.Path, root, t.SourceName)).Select(f =>
        {
            var file = ListingFile.TryRead(f.Name, f.FullPath, _options.MaxFileBytes, out var error);
            return (f.Name, file, error);
        });
        if (!_shared.IsShared)
        {
            return RunFiles(listings, publication: null, cancellationToken);
        }
        lock (_sharedGate)
        {
            using var publication = _shared.BeginIngest(cancellationToken);
            ApplyShared(cancellationToken);
            var started = _time.GetUtcNow();
            var report = RunFiles(listings, publication, cancellationToken);
            var source = string.Join(", ", targets.Select(t => t.SourceName ?? Path.GetRelativePath(root, Path.GetFullPath(t.Path))));
            try
            {
                publication.RecordRun(source.Length <= 500 ? source : source[..497] + "...", report, started, _time.GetUtcNow());
            }
            catch (System.Data.Common.DbException e)
            {
                // The papers are published and in this index; only the shared history misses this run.
                _logger.LogWarning("The ingest of {Source} is done but could not be added to the shared ingest history: {Reason}", source, e.Message);
            }
            return report;
        }
    }

    /// <summary>
    /// Parses the listings and writes them in one transaction. With a publication (a shared ingest), each changed
    /// listing is published first, and the local write happens only once the publication is committed.
    /// </summary>
    private IngestReport RunFiles(IEnumerable<(string Name, ListingFile? File, string? Error)> listings, ISharedIngest? publication,
        CancellationToken cancellationToken, DateTimeOffset? seenAt = null)
    {
        var stopwatch = Stopwatch.StartNew();
        var started = seenAt ?? _time.GetUtcNow();
        if (publication is not null)
        {
            // PostgreSQL keeps microseconds: the publisher stamps its papers with the time the others will read back.
            started = new DateTimeOffset(started.UtcTicks - started.UtcTicks % 10, TimeSpan.Zero);
        }
        var errors = new List<IngestError>();
        var unplaced = new List<UnplacedLine>();
        int files = 0, records = 0, chrome = 0;

        using var connection = _database.Open();
        using var spool = new IngestSpool(Path.GetDirectoryName(_database.DatabasePath)!);

        // Read and parse first, without the write lock; only reads of the database happen here.
        foreach (var (name, file, error) in listings)
        {
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (file is null)
                {
                    errors.Add(new IngestError(name, error!));
                    _logger.LogWarning("Skipped {File}: {Reason}", name, error);
                    continue;
                }
                files++;
                if (UnchangedRecordCount(connection, file) is { } known)
                {
                    records += known;
                    continue;
                }
                publication?.Publish(file, started);
                var parsed = ListingParser.Parse(file.Name, file.Text);
                unplaced.AddRange(parsed.Unplaced);
                chrome += parsed.ChromeLines;
                var accepted = new List<ListingRecord>(parsed.Records.Count);
                foreach (var record in parsed.Records)
                {
                    if (RefusalOf(record) is { } reason)
                    {
                        errors.Add(new IngestError(name, reason, record.Line));
                        _logger.LogWarning("Refused the record at {File} line {Line}: {Reason}", name, record.Line, reason);
                    }
                    else
                    {
                        accepted.Add(record);
                    }
                }
                records += accepted.Count;
                spool.Add(new SpooledFile(file.Name, file.Sha256, file.FullPath), accepted);
            }
        }
        publication?.Commit();

        var cacheSize = Convert.ToInt64(Pragma(connection, "PRAGMA cache_size"), System.Globalization.CultureInfo.InvariantCulture);
        Pragma(connection, $"PRAGMA cache_size = -{IngestCacheKib}");
        try
        {
            return Write(connection, spool, started, stopwatch, (files, records, chrome), unplaced, errors, cancellationToken);
        }
        finally
        {
            Pragma(connection, $"PRAGMA cache_size = {cacheSize}");
        }
    }

    /// <summary>Why a parsed record cannot be a paper, or null: a paper needs words to be searched and answered by.</summary>
    private static string? RefusalOf(ListingRecord record)
    {
        if (!record.Abstract.Any(char.IsLetterOrDigit))
        {
            return "a record with no abstract text (an empty \"Abstract:\" line?) was not stored";
        }
        return null;
    }

    private static int? UnchangedRecordCount(SqliteConnection connection, ListingFile file)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT sha256, parser_version, records FROM ingested_files WHERE file = $file";
        cmd.Parameters.AddWithValue("$file", file.Name);
        using var reader = cmd.ExecuteReader();
        if (reader.Read() && reader.GetString(0) == file.Sha256 && reader.GetInt32(1) == ListingParser.Version)
        {
            return reader.GetInt32(2);
        }
        return null;
    }

    private static object? Pragma(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    private IngestReport Write(SqliteConnection connection, IngestSpool spool, DateTimeOffset started, Stopwatch stopwatch,
        (int Files, int Records, int Chrome) counts, List<UnplacedLine> unplaced, List<IngestError> errors, CancellationToken cancellationToken)
    {
        using var tx = connection.BeginTransaction();
        using (var hash = connection.CreateCommand())
        {
            // FTS5 writes its pending terms out as a new segment whenever they pass this size, and merges segments as
            // they pile up; with the 1 MB default a million papers made thousands of segments to merge.
            hash.Transaction = tx;
            hash.CommandText = $"INSERT INTO papers_fts(papers_fts, rank) VALUES ('hashsize', {FtsPendingBytes})";
            hash.ExecuteNonQuery();
        }
        using var writer = new PaperWriter(connection, tx, started);
        foreach (var (file, records) in spool.ReadAll())
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.AdoptLegacyName(file, _corpus);
            writer.ReplaceFile(file, records);
        }

        var outcome = writer.Finish();
        if (outcome.New + outcome.Updated + outcome.Removed > 0)
        {
            writer.RecountAcronymUses();
        }
        foreach (var conflict in writer.Conflicts)
        {
            _logger.LogWarning("{File} line {Line} gives paper {Paper} another abstract; the abstract from {Kept} is kept",
                conflict.File, conflict.Line, conflict.PaperId, conflict.KeptFrom);
        }
        var report = new IngestReport
        {
            Files = counts.Files,
            Records = counts.Records,
            Papers = outcome.TotalPapers,
            Merged = Math.Max(0, outcome.RecordsWritten - outcome.DistinctPapersWritten),
            New = outcome.New,
            Updated = outcome.Updated,
            Unchanged = outcome.TotalPapers - outcome.New - outcome.Updated,
            Removed = outcome.Removed,
            ChromeLines = counts.Chrome,
            Unplaced = unplaced,
            Errors = errors,
            Conflicts = writer.Conflicts,
            Seconds = Math.Round(stopwatch.Elapsed.TotalSeconds, 3),
        };
        writer.RecordRun(report, _time.GetUtcNow());
        tx.Commit();
        _logger.LogInformation("Ingested {Files} files: {Records} records, {Papers} papers ({New} new, {Updated} updated)",
            report.Files, report.Records, report.Papers, report.New, report.Updated);
        return report;
    }

    /// <summary>How names are compared: letters and digits only, lower-cased ("Zhe yang" = "Zhe Yang").</summary>
    public static string NameKey(string name) => PaperKeys.Normalise(name, int.MaxValue);
}
