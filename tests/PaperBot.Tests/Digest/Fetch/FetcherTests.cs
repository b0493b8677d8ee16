using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Storage;
using PaperBot.Host.Digest.Fetch;

namespace PaperBot.Tests.Digest;

/// <summary>The Hugging Face and arXiv fetchers against recorded responses served on 127.0.0.1.</summary>
public sealed class FetcherTests : IAsyncLifetime
{
    private LoopbackServer _server = null!;
    private string _baseUrl = "";
    private readonly List<string> _queries = [];
    private bool _broken;

    public async Task InitializeAsync()
    {
        var recorded = Path.Combine(AppContext.BaseDirectory, "Digest", "Fetch", "Recorded");
        _server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/api/daily_papers", (HttpContext c) =>
            {
                _queries.Add(c.Request.Path + c.Request.QueryString);
                return _broken ? Results.Text("<html>maintenance</html>", "text/html") : Results.File(Path.Combine(recorded, "hf_daily_papers.json"), "application/json");
            });
            app.MapGet("/api/query", (HttpContext c) =>
            {
                _queries.Add(c.Request.Path + c.Request.QueryString);
                return Results.File(Path.Combine(recorded, "arxiv_query.xml"), "application/atom+xml");
            });
        });
        _baseUrl = _server.BaseUrl;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private DigestHarness Harness(bool hf, bool arxiv) => new(new Dictionary<string, string?>
    {
        ["Fetch:HuggingFaceEnabled"] = hf.ToString(),
        ["Fetch:HuggingFaceBaseUrl"] = _baseUrl,
        ["Fetch:ArxivEnabled"] = arxiv.ToString(),
        ["Fetch:ArxivBaseUrl"] = _baseUrl,
        ["Fetch:ArxivQuery"] = "cat:cs.CL",
        ["Fetch:ArxivMaxResults"] = "2",
    });

    [Fact]
    public async Task Hugging_Face_daily_papers_become_papers_with_upvotes_dates_and_links()
    {
        using var h = Harness(hf: true, arxiv: false);
        var fetch = h.Provider.GetRequiredService<PaperFetchService>();

        var result = Assert.Single(await fetch.FetchOnceAsync(CancellationToken.None));

        Assert.Null(result.Error);
        Assert.Equal(2, result.New);
        Assert.Equal("/api/daily_papers?date=2026-11-25", Assert.Single(_queries));
        var store = h.Provider.GetRequiredService<PaperStore>();
        Assert.Single(Directory.GetFiles(Path.Combine(h.Folder, "fetched")));
        var draft = h.Provider.GetRequiredService<PaperBot.Core.Retrieval.PaperSearcher>().Search("Draft Trees speculative", 1).Hits.Single().Paper;
        Assert.Equal("Draft Trees: Faster Speculative Decoding with Adaptive Branching", draft.Title);
        Assert.Equal(57, draft.Upvotes);
        Assert.Equal(3, draft.AuthorCount);
        Assert.Equal("Nov 6, 2025", draft.Date?.ToDisplay());
        Assert.Equal("https://huggingface.co/papers/2511.04512", draft.PrimaryLink);
        Assert.Equal(DigestHarness.Start, draft.FirstSeen);

        // Fetching the same day again adds no papers and keeps their first arrival.
        h.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, Assert.Single(await fetch.FetchOnceAsync(CancellationToken.None)).New);
        Assert.Equal(2, store.CountPapers());
    }

    [Fact]
    public async Task Arxiv_entries_become_papers_and_links_outside_arxiv_are_dropped()
    {
        using var h = Harness(hf: false, arxiv: true);
        var fetch = h.Provider.GetRequiredService<PaperFetchService>();

        var result = Assert.Single(await fetch.FetchOnceAsync(CancellationToken.None));

        Assert.Null(result.Error);
        Assert.Equal(2, result.New);
        Assert.Contains("search_query=cat%3Acs.CL", _queries.Single(), StringComparison.Ordinal);
        Assert.Contains("max_results=2", _queries.Single(), StringComparison.Ordinal);
        var searcher = h.Provider.GetRequiredService<PaperBot.Core.Retrieval.PaperSearcher>();
        var grounded = searcher.Search("grounded dialogue agents cite", 1).Hits.Single().Paper;
        Assert.Equal("Grounded Dialogue Agents that Cite Their Sources", grounded.Title);
        Assert.Equal("https://arxiv.org/abs/2511.05001v1", grounded.PrimaryLink);
        Assert.Equal(2, grounded.AuthorCount);
        var bytes = searcher.Search("tokenizer-free byte-level", 1).Hits.Single().Paper;
        Assert.Empty(bytes.Links);
    }

    [Fact]
    public async Task A_response_that_is_not_the_API_is_reported_and_ingests_nothing()
    {
        using var h = Harness(hf: true, arxiv: false);
        _broken = true;

        var result = Assert.Single(await h.Provider.GetRequiredService<PaperFetchService>().FetchOnceAsync(CancellationToken.None));

        Assert.NotNull(result.Error);
        Assert.Equal(0, h.Provider.GetRequiredService<PaperStore>().CountPapers());
    }

    [Fact]
    public async Task Fetchers_are_off_by_default()
    {
        using var h = new DigestHarness();

        Assert.Empty(await h.Provider.GetRequiredService<PaperFetchService>().FetchOnceAsync(CancellationToken.None));
        Assert.Empty(_queries);
    }
}
