namespace PaperBot.Core.Ingest;

/// <summary>The claims of a bot that runs alone on its SQLite file: all work is its own, and nothing needs recording.</summary>
public sealed class UnsharedIngestClaims : IIngestClaims
{
    public bool IsShared => false;

    public IngestClaim Claim(IngestWork work) => IngestClaim.Ours;

    public IDisposable KeepClaimed(IngestWork work) => NothingHeld.Instance;

    public void Finish(IngestWork work, bool succeeded, string outcome)
    {
    }

    public void Release(IngestWork work)
    {
    }

    private sealed class NothingHeld : IDisposable
    {
        public static readonly NothingHeld Instance = new();

        public void Dispose()
        {
        }
    }
}
