namespace PaperBot.Tests.Storage;

/// <summary>Starts the cluster only when PostgreSQL is installed, so the tests that need it can skip instead of failing to construct.</summary>
public sealed class PostgresClusterFixture : IDisposable
{
    private readonly Lazy<PostgresServer> _server = new(() => new PostgresServer());

    public PostgresServer Server => _server.Value;

    public void Dispose()
    {
        if (_server.IsValueCreated)
        {
            _server.Value.Dispose();
        }
    }
}
