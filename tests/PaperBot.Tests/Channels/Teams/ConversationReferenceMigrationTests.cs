using PaperBot.Core.Storage;

namespace PaperBot.Tests.Teams;

public sealed class ConversationReferenceMigrationTests
{
    [Fact]
    public void A_fresh_database_reaches_version_3_with_the_conversation_references_table()
    {
        var directory = Directory.CreateTempSubdirectory("paperbot-migrate-");
        var factory = new SqliteConnectionFactory(Path.Combine(directory.FullName, "paperbot.db"));
        using (var connection = factory.Open())
        {
            Assert.True(SchemaMigrator.CurrentVersion(connection) >= 3);
            Assert.Equal(SchemaMigrator.LatestVersion, SchemaMigrator.CurrentVersion(connection));
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'conversation_references';";
            Assert.Equal(1L, (long)cmd.ExecuteScalar()!);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        directory.Delete(recursive: true);
    }
}
