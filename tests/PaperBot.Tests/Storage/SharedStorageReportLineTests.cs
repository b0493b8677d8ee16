using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PaperBot.Core.Storage;
using PaperBot.Core.Storage.Postgres;
using PaperBot.Host.Storage;

namespace PaperBot.Tests.Storage;

/// <summary>The start-up report says where shared state lives.</summary>
public sealed class SharedStorageReportLineTests
{
    private static (LogLevel Level, string Line) Describe(StorageProvider provider)
    {
        var shared = Options.Create(new SharedStorageOptions { Provider = provider, ConnectionString = "Host=db.internal;Database=paperbot;Username=bot" });
        using var postgres = new PostgresDatabase(shared, NullLogger<PostgresDatabase>.Instance);
        return new SharedStorageReportLine(shared, postgres).Describe();
    }

    [Fact]
    public void Sqlite_is_one_replica_and_postgres_names_its_database_without_a_password()
    {
        Assert.Equal(LogLevel.Information, Describe(StorageProvider.Sqlite).Level);
        var (level, line) = Describe(StorageProvider.Postgres);
        Assert.Equal(LogLevel.Information, level);
        Assert.Contains("db.internal:5432/paperbot", line, StringComparison.Ordinal);
    }

    [Fact]
    public void With_postgres_the_digest_outbox_is_named_as_shared()
    {
        var (_, line) = Describe(StorageProvider.Postgres);
        Assert.Contains("digest outbox", line, StringComparison.Ordinal);
        Assert.DoesNotContain("per replica", line, StringComparison.Ordinal);
    }
}
