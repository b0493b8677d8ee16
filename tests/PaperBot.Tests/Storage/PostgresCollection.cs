namespace PaperBot.Tests.Storage;

/// <summary>One PostgreSQL cluster for every test that needs one; each test makes its own database in it.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "postgres";
}
