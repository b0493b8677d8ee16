namespace PaperBot.Tests.Storage;

/// <summary>Skips, saying why, only when PostgreSQL is not installed; a cluster that is installed but fails to start fails the test.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.BinFolder is null)
        {
            Skip = "PostgreSQL test skipped: " + PostgresServer.NotInstalled;
        }
    }
}
