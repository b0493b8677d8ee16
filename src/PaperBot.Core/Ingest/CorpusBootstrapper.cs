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
        // Replicas sharing listings first take what the others published: a new replica needs no corpus of its own.
        try
        {
            ingest.CatchUpShared();
        }
        catch (System.Data.Common.DbException e)
        {
            logger.LogWarning("The shared database cannot be reached ({Reason}); answering from this replica's own index.", e.Message);
        }
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
