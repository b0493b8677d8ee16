using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PaperBot.Core.Digest;
using PaperBot.Core.Storage;
using PaperBot.Core.Storage.Postgres;
using PaperBot.Host.Storage;

namespace PaperBot.Tests.Storage;

/// <summary>The start-up report says where shared state lives, and warns before configured digests would be posted by every replica.</summary>
public sealed class SharedStorageReportLineTests
{
    private static (LogLevel Level, string Line) Describe(StorageProvider provider, int configuredDigests)
    {
        var shared = Options.Create(new SharedStorageOptions { Provider = provider, ConnectionString = "Host=db.internal;Database=paperbot;Username=bot" });
        var digest = new DigestOptions();
        for (var i = 0; i < configuredDigests; i++)
        {
            digest.Subscriptions.Add(new DigestSubscriptionSettings { Name = "daily-" + i });
        }
        using var postgres = new PostgresDatabase(shared, NullLogger<PostgresDatabase>.Instance);
        return new SharedStorageReportLine(shared, Options.Create(digest), postgres).Describe();
    }

    [Fact]
    public void Sqlite_is_one_replica_and_postgres_names_its_database_without_a_password()
    {
        Assert.Equal(LogLevel.Information, Describe(StorageProvider.Sqlite, 0).Level);
        var (level, line) = Describe(StorageProvider.Postgres, 0);
        Assert.Equal(LogLevel.Information, level);
        Assert.Contains("db.internal:5432/paperbot", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_digests_with_postgres_are_a_warning_that_names_the_fix()
    {
        var (level, line) = Describe(StorageProvider.Postgres, 2);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Contains("Digest:Enabled=false on the others", line, StringComparison.Ordinal);
    }
}
