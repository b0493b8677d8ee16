using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Embeddings;
using PaperBot.Core.Ingest;
using PaperBot.Host.Cli;

namespace PaperBot.Tests.Support;

/// <summary>
/// The repository's corpus ingested and embedded with the default local model ONCE per test run, in a template
/// database that tests copy: embedding 452 papers costs tens of seconds on two cores, so no test embeds on its own.
/// The template also holds the trained corpus vectors (<see cref="TemplateVectors"/>), so copies do not train them.
/// </summary>
public static class EmbeddedCorpus
{
    // Built on the thread pool, so the classes that await it block no thread while it is built.
    private static readonly Lazy<Task<string>> Template = new(() => Task.Run(BuildAsync));

    /// <summary>A fresh copy of the embedded corpus database at <paramref name="path"/>.</summary>
    public static async Task CopyToAsync(string path)
    {
        File.Copy(await Template.Value, path, overwrite: true);
    }

    private static async Task<string> BuildAsync()
    {
        var folder = Directory.CreateTempSubdirectory("paperbot-embedded-template-").FullName;
        var path = Path.Combine(folder, "template.db");
        await using (var services = CliServices.Build(path, verbose: false))
        {
            services.GetRequiredService<IngestService>().Ingest([RepositoryPaths.Corpus]);
            var index = services.GetRequiredService<PaperEmbeddingIndex>();
            await index.EmbedMissingAsync();
            if (index.CountMissing() != 0)
            {
                throw new InvalidOperationException("The local model did not embed the whole corpus.");
            }
            using var connection = services.GetRequiredService<PaperBot.Core.Storage.SqliteConnectionFactory>().Open();
            TemplateVectors.TrainAndSave(connection);
            using var checkpoint = connection.CreateCommand();
            // Fold the WAL into the main file so a plain file copy carries everything.
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
        return path;
    }
}
