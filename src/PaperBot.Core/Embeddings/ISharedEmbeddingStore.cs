namespace PaperBot.Core.Embeddings;

/// <summary>
/// Paper vectors replicas share (<c>Storage:Provider=Postgres</c>), so a corpus is embedded once, by whichever replica
/// claims a paper first, and copied by the others instead of embedded again. Keyed by the storage model (with its
/// passage window) and the paper's content hash: the vectors are a function of exactly those. Ranking stays in each
/// replica's local index. A single SQLite bot shares nothing: <see cref="UnsharedEmbeddingStore"/>.
/// </summary>
public interface ISharedEmbeddingStore
{
    bool IsShared { get; }

    /// <summary>The stored vectors of those content hashes that some replica already embedded with the model.</summary>
    IReadOnlyList<SharedPaperVectors> Find(string model, IReadOnlyCollection<string> contentHashes);

    /// <summary>
    /// Claims the papers no replica has embedded or is embedding now (a claim lasts a lease, so one whose replica
    /// died is claimed again later) and returns the content hashes this replica now holds.
    /// </summary>
    IReadOnlySet<string> Claim(string model, IReadOnlyCollection<(string ContentHash, string PaperId)> papers);

    /// <summary>
    /// Keeps claims alive while their papers are being embedded (renewed every third of the lease) until disposed, so
    /// a slow embedding service does not let a second replica embed the same papers meanwhile.
    /// </summary>
    IDisposable KeepClaimed(string model, IReadOnlyCollection<string> contentHashes);

    /// <summary>Stores what this replica embedded; vectors another replica stored first are kept.</summary>
    void Store(string model, IReadOnlyList<SharedPaperVectors> vectors);

    /// <summary>Gives claims back (the embedding failed), so another replica need not wait for the lease.</summary>
    void Release(string model, IReadOnlyCollection<string> contentHashes);

    /// <summary>
    /// Removes vectors no replica reads any more, and returns how many rows went: the model's vectors of texts no paper
    /// has now (<paramref name="currentHashes"/>: an older version of a changed paper, a removed paper), and every
    /// vector of a model no replica has stored anything with for a while (superseded). Only rows older than the
    /// store's grace period go, so what a replica a few listings ahead just stored is kept.
    /// </summary>
    int RemoveStale(string model, IReadOnlyCollection<string> currentHashes);
}
