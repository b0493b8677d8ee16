using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperBot.Core.Storage;

namespace PaperBot.Core.Ingest;

/// <summary>Ingests the default corpus into an empty database, so a fresh clone can answer at once.</summary>
public sealed class CorpusBootstrapper(PaperStore store, IngestService ingest, IOptions<StorageOptions> options, ILogger<CorpusBootstrapper> logger)
{
    /// <summary>Returns the ingest report when it ingested, null when the database already had papers.</summary>
    public IngestReport? EnsureIngested()
    {
        if (store.CountPapers() > 0)
        {
            return null;
        }
        var corpus = options.Value.Corpus;
        if (!Directory.Exists(corpus) && !File.Exists(corpus))
        {
            logger.LogWarning("The database is empty and the corpus folder {Corpus} does not exist.", Path.GetFullPath(corpus));
            return null;
        }
        logger.LogInformation("The database is empty; ingesting {Corpus} first.", corpus);
        return ingest.Ingest([corpus]);
    }
}
