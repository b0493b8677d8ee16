using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Ingest;
using PaperBot.Core.Storage;

namespace PaperBot.Tests.Support;

/// <summary>
/// The repository's corpus ingested ONCE per test run by the Core services as <see cref="TempDatabase"/> builds them
/// (no embeddings), in template databases that tests copy instead of each ingesting the 452 papers again: one as the
/// ingest leaves it, one with the corpus vectors also trained and saved (<see cref="TemplateVectors"/>).
/// </summary>
public static class IngestedCorpus
{
    private static readonly Lazy<(string Path, IngestReport Report)> PlainTemplate = new(BuildPlain);
    private static readonly Lazy<string> VectorsTemplate = new(BuildWithVectors);

    /// <summary>What the template's ingest run reported: what <see cref="TempDatabase.IngestCorpus"/> on an empty database reports.</summary>
    public static IngestReport Report => PlainTemplate.Value.Report;

    /// <summary>The template file: as the ingest left it, or with the corpus vectors saved.</summary>
    public static string Template(bool withVectors) => withVectors ? VectorsTemplate.Value : PlainTemplate.Value.Path;

    private static (string, IngestReport) BuildPlain()
    {
        var folder = Directory.CreateTempSubdirectory("paperbot-ingested-template-").FullName;
        var path = System.IO.Path.Combine(folder, "template.db");
        IngestReport report;
        using (var services = CoreServices.Build(path, ingestRoot: folder))
        {
            report = services.GetRequiredService<IngestService>().Ingest([RepositoryPaths.Corpus]);
            Checkpoint(services.GetRequiredService<SqliteConnectionFactory>());
        }
        SqliteConnection.ClearAllPools();
        return (path, report);
    }

    private static string BuildWithVectors()
    {
        var folder = Directory.CreateTempSubdirectory("paperbot-ingested-vectors-template-").FullName;
        var path = System.IO.Path.Combine(folder, "template.db");
        File.Copy(PlainTemplate.Value.Path, path);
        var factory = new SqliteConnectionFactory(path);
        using (var connection = factory.Open())
        {
            TemplateVectors.TrainAndSave(connection);
        }
        Checkpoint(factory);
        SqliteConnection.ClearAllPools();
        return path;
    }

    private static void Checkpoint(SqliteConnectionFactory factory)
    {
        using var connection = factory.Open();
        using var checkpoint = connection.CreateCommand();
        // Fold the WAL into the main file so a plain file copy carries everything.
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        checkpoint.ExecuteNonQuery();
    }
}
