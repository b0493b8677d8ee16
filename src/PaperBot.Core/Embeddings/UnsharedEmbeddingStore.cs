namespace PaperBot.Core.Embeddings;

/// <summary>The embeddings of a bot that runs alone on its SQLite file: nothing to find, every paper is its own to embed.</summary>
public sealed class UnsharedEmbeddingStore : ISharedEmbeddingStore
{
    public bool IsShared => false;

    public IReadOnlyList<SharedPaperVectors> Find(string model, IReadOnlyCollection<string> contentHashes) => [];

    public IReadOnlySet<string> Claim(string model, IReadOnlyCollection<(string ContentHash, string PaperId)> papers) =>
        papers.Select(p => p.ContentHash).ToHashSet(StringComparer.Ordinal);

    public IDisposable KeepClaimed(string model, IReadOnlyCollection<string> contentHashes) => NothingHeld.Instance;

    public void Store(string model, IReadOnlyList<SharedPaperVectors> vectors)
    {
    }

    public void Release(string model, IReadOnlyCollection<string> contentHashes)
    {
    }

    public int RemoveStale(string model, IReadOnlyCollection<string> currentHashes) => 0;

    private sealed class NothingHeld : IDisposable
    {
        public static readonly NothingHeld Instance = new();

        public void Dispose()
        {
        }
    }
}
