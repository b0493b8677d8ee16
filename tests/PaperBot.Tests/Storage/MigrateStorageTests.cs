using Microsoft.Extensions.Options;
using PaperBot.Core.Conversations;
using PaperBot.Core.Storage.Postgres;
using PaperBot.Tests.Digest;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Storage;

/// <summary><c>migrate-storage --to postgres</c>: a single bot's SQLite state moved into PostgreSQL, checked, and safe to repeat.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MigrateStorageTests(PostgresClusterFixture cluster)
{
    [PostgresFact]
    public void Listings_and_history_move_to_postgres_and_a_replica_built_from_it_has_every_paper()
    {
        using var single = new TempDatabase();
        single.IngestCorpus();
        var extra = single.WriteFile("extra.txt", TestPaper.About("origami folding robots").ToListing());
        single.Ingest.Ingest([extra]);
        var history = new ConversationStore(single.Factory, TimeProvider.System, Options.Create(new ConversationOptions()));
        history.Append("web:abc", "which papers are about speculative decoding?", "which papers are about speculative decoding?", "…", [new CitedPaper("p1", "A paper")]);
        var database = cluster.Server.CreateDatabase();
        using var target = new PostgresReplica(cluster.Server, database, ingestRoot: single.Folder);

        var first = target.Get<SqliteToPostgresMigration>().Run(single.Path);
        var again = target.Get<SqliteToPostgresMigration>().Run(single.Path);

        Assert.True(first.Verified, first.ToString());
        Assert.Equal(Directory.GetFiles(RepositoryPaths.Corpus).Length + 1, first.ListingsPublished);
        Assert.Equal(single.Scalar("SELECT COUNT(*) FROM papers"), first.PapersRebuiltFromPostgres);
        Assert.Equal(1, first.TurnsCopied);
        Assert.True(again.Verified, again.ToString());
        Assert.Equal(0, again.ListingsPublished); // nothing twice
        Assert.Equal(0, again.TurnsCopied);
        Assert.Equal(1, target.Get<IConversationStore>().CountTurns("web:abc"));
    }

    [PostgresFact]
    public void A_listing_no_longer_on_disk_is_named_and_the_migration_is_not_called_verified()
    {
        using var single = new TempDatabase();
        var gone = single.WriteFile("gone.txt", TestPaper.About("tropical geometry of neural networks").ToListing());
        single.Ingest.Ingest([gone]);
        File.Delete(gone);
        var database = cluster.Server.CreateDatabase();
        using var target = new PostgresReplica(cluster.Server, database, ingestRoot: single.Folder);

        var report = target.Get<SqliteToPostgresMigration>().Run(single.Path);

        Assert.False(report.Verified);
        Assert.Contains(report.ListingsNotOnDisk, m => m.StartsWith("gone.txt", StringComparison.Ordinal));
        Assert.Equal(0, report.PapersRebuiltFromPostgres);
    }
}
