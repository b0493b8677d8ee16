using System.Globalization;
using System.Xml.Linq;
using Microsoft.Extensions.Options;

namespace PaperBot.Host.Digest.Fetch;

/// <summary>
/// <c>GET {base}/api/query?search_query=…&amp;sortBy=submittedDate&amp;sortOrder=descending&amp;max_results=N</c>: an Atom
/// feed whose entries carry title, summary, published, authors and an abs link.
/// </summary>
public sealed class ArxivFetcher(IHttpClientFactory httpClientFactory, IOptions<FetchOptions> options) : IPaperFetcher
{
    public const string HttpClientName = "fetch-arxiv";

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public string Name => "arxiv";

    public bool Enabled => options.Value.ArxivEnabled;

    public Task<IReadOnlyList<FetchedPaper>> FetchAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var o = options.Value;
        return QueryAsync($"api/query?search_query={Uri.EscapeDataString(o.ArxivQuery)}&sortBy=submittedDate&sortOrder=descending&max_results={o.ArxivMaxResults}",
            cancellationToken);
    }

    /// <summary>One paper by its arXiv id (<c>api/query?id_list=…</c>), for <c>paperbot add</c>; empty when arXiv has no such paper.</summary>
    public Task<IReadOnlyList<FetchedPaper>> FetchByIdAsync(string arxivId, CancellationToken cancellationToken) =>
        QueryAsync($"api/query?id_list={Uri.EscapeDataString(arxivId)}&max_results=1", cancellationToken);

    private async Task<IReadOnlyList<FetchedPaper>> QueryAsync(string query, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var client = httpClientFactory.CreateClient(HttpClientName);
        using var response = await client.GetAsync(new Uri(new Uri(o.ArxivBaseUrl.TrimEnd('/') + "/"), query), cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        // LoadOptions.None and XDocument do not resolve DTDs or external entities.
        var feed = await XDocument.LoadAsync(stream, LoadOptions.None, cancellationToken);
        if (feed.Root?.Name != Atom + "feed")
        {
            throw new FormatException("the arXiv API did not return an Atom feed");
        }
        var papers = new List<FetchedPaper>();
        foreach (var entry in feed.Root.Elements(Atom + "entry"))
        {
            var title = (string?)entry.Element(Atom + "title");
            var summary = (string?)entry.Element(Atom + "summary");
            // arXiv answers an unknown id with an entry titled "Error".
            if (string.IsNullOrWhiteSpace(title) || string.IsNullOrWhiteSpace(summary) || title.Trim() == "Error")
            {
                continue;
            }
            DateTimeOffset? published = DateTimeOffset.TryParse((string?)entry.Element(Atom + "published"), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var at) ? at : null;
            var link = entry.Elements(Atom + "link").Where(l => (string?)l.Attribute("rel") == "alternate").Select(l => (string?)l.Attribute("href")).FirstOrDefault()
                       ?? (string?)entry.Element(Atom + "id");
            if (link is not null && (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Host is not ("arxiv.org" or "export.arxiv.org")))
            {
                link = null;
            }
            papers.Add(new FetchedPaper(title, summary, entry.Elements(Atom + "author").Count(), published, null, link?.Replace("http://", "https://", StringComparison.Ordinal)));
        }
        return papers;
    }
}
