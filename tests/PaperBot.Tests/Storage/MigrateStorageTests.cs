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
        using var single = TempDatabase.WithCorpus(withVectors: false);
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
    public void Digests_teams_references_and_accepted_work_move_too_with_verified_counts_and_a_digest_in_flight_waits_for_a_replica()
    {
        using var single = new TempDatabase();
        var t = "2026-11-25T09:00:00.0000000+00:00";
        Execute(single, $$"""
            INSERT INTO digest_subscriptions (id, target_kind, target_address, cron, time_zone, keywords_json, min_upvotes, max_items, active, origin,
                config_name, created_by, created_at, anchor_at, covered_until)
            VALUES ('dgaaaa2222', 'discord-channel', '400000000000000001', '0 9 * * *', 'UTC', '[]', 0, 10, 1, 'discord', NULL, 'u1', '{{t}}', '{{t}}', '{{t}}'),
                   ('dgbbbb3333', 'discord-webhook', 'https://discord.com/api/webhooks/1/x', '0 9 * * *', 'UTC', '["llm"]', 2, 5, 0, 'config', 'daily', NULL, '{{t}}', '{{t}}', '{{t}}');
            INSERT INTO digest_outbox (id, subscription_id, period_at, window_start, window_end, state, content_json, part_count, attempts, next_attempt_at,
                claim_token, claimed_until, created_at, finished_at)
            VALUES (7, 'dgaaaa2222', '2026-11-24T09:00:00.0000000+00:00', '{{t}}', '{{t}}', 'sent', '{}', 1, 0, '{{t}}', NULL, NULL, '{{t}}', '{{t}}'),
                   (8, 'dgaaaa2222', '{{t}}', '{{t}}', '{{t}}', 'claimed', '{}', 2, 0, '{{t}}', 'dead-process', '2026-11-25T09:05:00.0000000+00:00', '{{t}}', NULL);
            INSERT INTO digest_outbox_parts (outbox_id, part, state, idempotency_key, message_id, started_at, sent_at)
            VALUES (7, 0, 'sent', 'pbd7p0', 'm1', '{{t}}', '{{t}}'), (8, 0, 'sent', 'pbd8p0', 'm2', '{{t}}', '{{t}}'), (8, 1, 'sending', 'pbd8p1', NULL, '{{t}}', NULL);
            INSERT INTO conversation_references (channel, conversation_id, service_url, bot_id, active, created_at, updated_at)
            VALUES ('msteams', '19:abc@thread.tacv2', 'https://smba.trafficmanager.net/emea/', '28:bot', 1, '{{t}}', '{{t}}');
            INSERT INTO accepted_work (channel, id, received_at, payload, finished_at)
            VALUES ('discord', '1001', 1764061200000, '{"id":"1001"}', NULL), ('teams', 'conversation-2', 1764061200000, NULL, 1764061260000);
            """);
        var database = cluster.Server.CreateDatabase();
        using var target = new PostgresReplica(cluster.Server, database, ingestRoot: single.Folder);

        var first = target.Get<SqliteToPostgresMigration>().Run(single.Path);
        var again = target.Get<SqliteToPostgresMigration>().Run(single.Path);

        Assert.True(first.Verified, string.Join("; ", first.Tables));
        Assert.Equal([("digest subscriptions", 2L, 2), ("digest outbox", 2L, 2), ("digest outbox parts", 3L, 3), ("Teams conversation references", 1L, 1), ("accepted work", 2L, 2),
            ("paper embeddings", 0L, 0), ("ingest runs", 0L, 0)],
            first.Tables.Select(c => (c.Table, c.InSqlite, c.Copied)).ToList());
        Assert.True(again.Verified, string.Join("; ", again.Tables));
        Assert.All(again.Tables, c => Assert.Equal((0, (int)c.InSqlite), (c.Copied, c.AlreadyThere)));
        // The digest the stopped bot was sending waits, unclaimed, for the first replica; its part that may have landed stays "sending".
        Assert.Equal("pending", Text(database, "SELECT state FROM digest_outbox WHERE period_at = '2026-11-25 09:00:00+00'"));
        Assert.Equal("sending", Text(database, "SELECT p.state FROM digest_outbox_parts p JOIN digest_outbox o ON o.id = p.outbox_id WHERE o.period_at = '2026-11-25 09:00:00+00' AND p.part = 1"));
        Assert.Equal("daily", Text(database, "SELECT config_name FROM digest_subscriptions WHERE id = 'dgbbbb3333' AND NOT active"));
        Assert.Equal("{\"id\":\"1001\"}", Text(database, "SELECT payload FROM accepted_work WHERE channel = 'discord' AND id = '1001' AND claimed_by IS NULL"));
    }

    private static void Execute(TempDatabase database, string sql)
    {
        using var connection = database.Factory.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private string Text(string database, string sql)
    {
        using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(cluster.Server.ConnectionString(database)) { Password = cluster.Server.Password }.ConnectionString);
        connection.Open();
        using var cmd = new Npgsql.NpgsqlCommand(sql, connection);
        return (string)cmd.ExecuteScalar()!;
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
