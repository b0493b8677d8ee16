using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PaperBot.Host.Digest.Fetch;

/// <summary>
/// <c>GET {base}/api/daily_papers?date=YYYY-MM-DD</c>: an array of entries whose <c>paper</c> holds id, title, summary,
/// upvotes, publishedAt and authors. Entries missing a title or summary are skipped.
/// </summary>
public sealed class HuggingFaceDailyPapersFetcher(IHttpClientFactory httpClientFactory, IOptions<FetchOptions> options) : IPaperFetcher
{
    public const string HttpClientName = "fetch-huggingface";

    public string Name => "huggingface";

    public bool Enabled => options.Value.HuggingFaceEnabled;

    public async Task<IReadOnlyList<FetchedPaper>> FetchAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(HttpClientName);
        var date = now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var response = await client.GetAsync(new Uri(new Uri(options.Value.HuggingFaceBaseUrl.TrimEnd('/') + "/"), $"api/daily_papers?date={date}"), cancellationToken);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("the Hugging Face daily papers API did not return a JSON array");
        }
        var papers = new List<FetchedPaper>();
        foreach (var entry in doc.RootElement.EnumerateArray())
        {
            if (Read(entry) is { } paper)
            {
                papers.Add(paper);
            }
        }
        return papers;
    }

    /// <summary>One paper's page data (<c>GET {base}/api/papers/{id}</c>), for <c>paperbot add</c>; null when it has no title or abstract.</summary>
    public async Task<FetchedPaper?> FetchPaperAsync(string arxivId, CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(HttpClientName);
        using var response = await client.GetAsync(new Uri(new Uri(options.Value.HuggingFaceBaseUrl.TrimEnd('/') + "/"), $"api/papers/{Uri.EscapeDataString(arxivId)}"),
            cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("the Hugging Face papers API did not return a JSON object");
        }
        return Read(doc.RootElement);
    }

    /// <summary>A daily-papers entry (the paper under "paper") or a paper object itself.</summary>
    private static FetchedPaper? Read(JsonElement entry)
    {
        var paper = entry.TryGetProperty("paper", out var p) && p.ValueKind == JsonValueKind.Object ? p : entry;
        var title = Text(paper, "title") ?? Text(entry, "title");
        var summary = Text(paper, "summary") ?? Text(entry, "summary");
        if (string.IsNullOrWhiteSpace(title) || string.IsNullOrWhiteSpace(summary))
        {
            return null;
        }
        var id = Text(paper, "id");
        int? upvotes = paper.TryGetProperty("upvotes", out var u) && u.TryGetInt32(out var n) ? n : null;
        var authors = paper.TryGetProperty("authors", out var a) && a.ValueKind == JsonValueKind.Array ? a.GetArrayLength() : 0;
        DateTimeOffset? published = DateTimeOffset.TryParse(Text(paper, "publishedAt") ?? Text(entry, "publishedAt"), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var at) ? at : null;
        var link = id is not null && IsArxivId(id) ? $"https://huggingface.co/papers/{id}" : null;
        return new FetchedPaper(title, summary, authors, published, upvotes, link);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Only ids shaped like arXiv ids go into links: the response is not trusted to build arbitrary URLs.</summary>
    private static bool IsArxivId(string id) => id.Length is > 4 and < 20 && id.All(c => char.IsAsciiDigit(c) || c == '.');
}
