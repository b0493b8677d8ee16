using Microsoft.Extensions.Options;
using PaperBot.Core.Ingest;
using PaperBot.Core.Storage;

namespace PaperBot.Host.Digest.Fetch;

/// <summary>
/// <c>paperbot add arxiv:ID</c>: fetches one paper through the same fetchers the server runs (base URLs from
/// Fetch:ArxivBaseUrl and Fetch:HuggingFaceBaseUrl), writes it as a listing file under Fetch:Folder and ingests that
/// file, so the paper has a source like any other and merges with a listed copy of itself by the usual rules.
/// </summary>
public sealed class PaperAdder(
    ArxivFetcher arxiv,
    HuggingFaceDailyPapersFetcher huggingFace,
    IngestService ingest,
    SqliteConnectionFactory database,
    TimeProvider time,
    IOptions<FetchOptions> options)
{
    public async Task<PaperAddResult> AddAsync(PaperReference reference, CancellationToken cancellationToken)
    {
        var fetched = reference.Source == PaperReferenceSource.HuggingFace
            ? await huggingFace.FetchPaperAsync(reference.ArxivId, cancellationToken)
            : (await arxiv.FetchByIdAsync(reference.ArxivId, cancellationToken)) is [var first, ..] ? first : null;
        if (fetched is null)
        {
            return new PaperAddResult(reference.ArxivId, null, null, null, null);
        }
        var folder = options.Value.Folder;
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"add-{reference.ArxivId.Replace('/', '_')}-{time.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}.txt");
        await File.WriteAllTextAsync(file, FetchedListingWriter.Write([fetched]), cancellationToken);
        // Known by its own (time-stamped, unique) name, the name PaperFrom looks it up by.
        var report = ingest.IngestAs(file, Path.GetFileName(file), cancellationToken);
        return new PaperAddResult(reference.ArxivId, fetched, file, report, PaperFrom(Path.GetFileName(file)));
    }

    /// <summary>The paper the listing file's record went into (a new paper, or the one it merged with).</summary>
    private string? PaperFrom(string fileName)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT paper_id FROM sources WHERE file = $file ORDER BY line LIMIT 1";
        cmd.Parameters.AddWithValue("$file", fileName);
        return cmd.ExecuteScalar() as string;
    }
}
