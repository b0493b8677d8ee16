namespace PaperBot.Host.Digest.Fetch;

/// <summary>One source of new papers (Hugging Face daily papers, arXiv).</summary>
public interface IPaperFetcher
{
    string Name { get; }

    bool Enabled { get; }

    Task<IReadOnlyList<FetchedPaper>> FetchAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
