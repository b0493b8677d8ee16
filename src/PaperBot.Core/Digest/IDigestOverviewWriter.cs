using PaperBot.Core.Papers;

namespace PaperBot.Core.Digest;

/// <summary>
/// An opening paragraph for a digest: what the new papers share and which stand out, citing them by their number in
/// the digest ([1] is the first paper listed). Registered only with an LLM (the summarize_digest prompt); without one
/// a digest has no overview. Returns null rather than throw: the digest goes out without an overview.
/// </summary>
public interface IDigestOverviewWriter
{
    Task<string?> WriteAsync(string period, IReadOnlyList<Paper> papers, CancellationToken cancellationToken);
}
