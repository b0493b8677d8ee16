using PaperBot.Core.Ingest;

namespace PaperBot.Host.Server;

/// <summary>Applies migrations and ingests the corpus into an empty database before the server takes traffic.</summary>
public sealed class DatabaseStartupService(CorpusBootstrapper bootstrapper) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        bootstrapper.EnsureIngested();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
