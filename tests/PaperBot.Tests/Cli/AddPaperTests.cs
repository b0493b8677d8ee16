using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Storage;
using PaperBot.Host.Digest.Fetch;
using PaperBot.Tests.Digest;

namespace PaperBot.Tests.Operations;

/// <summary><c>paperbot add</c>: one paper fetched from recorded arXiv and Hugging Face responses served on 127.0.0.1, then ingested.</summary>
public sealed class AddPaperTests : IAsyncLifetime
{
    private LoopbackServer _server = null!;
    private string _baseUrl = "";
    private readonly List<string> _requests = [];

    public async Task InitializeAsync()
    {
        var recorded = Path.Combine(AppContext.BaseDirectory, "Digest", "Fetch", "Recorded");
        _server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/api/query", (HttpContext c) =>
            {
                _requests.Add(c.Request.Path + c.Request.QueryString);
                var file = c.Request.Query["id_list"] == "2401.01234" ? "arxiv_id_2401.01234.xml" : "arxiv_id_unknown.xml";
                return Results.File(Path.Combine(recorded, file), "application/atom+xml");
            });
            app.MapGet("/api/papers/{id}", (string id, HttpContext c) =>
            {
                _requests.Add(c.Request.Path.ToString());
                return id == "2511.04512" ? Results.File(Path.Combine(recorded, "hf_paper_2511.04512.json"), "application/json") : Results.NotFound();
            });
        });
        _baseUrl = _server.BaseUrl;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private DigestHarness Harness() => new(new Dictionary<string, string?>
    {
        ["Fetch:HuggingFaceBaseUrl"] = _baseUrl,
        ["Fetch:ArxivBaseUrl"] = _baseUrl,
    });

    [Theory]
    [InlineData("arxiv:2401.01234")]
    [InlineData("2401.01234")]
    [InlineData("https://arxiv.org/abs/2401.01234v2")]
    [InlineData("https://arxiv.org/pdf/2401.01234v1.pdf")]
    public async Task An_arxiv_id_or_url_is_fetched_by_id_and_ingested_with_its_metadata(string input)
    {
        using var h = Harness();
        var reference = PaperReference.TryParse(input, out var error);
        Assert.True(reference is not null, error);

        var result = await h.Provider.GetRequiredService<PaperAdder>().AddAsync(reference!, CancellationToken.None);

        Assert.Equal("/api/query?id_list=2401.01234&max_results=1", Assert.Single(_requests));
        Assert.Equal(1, result.Report!.New);
        var paper = h.Provider.GetRequiredService<PaperStore>().Get(result.PaperId!)!;
        Assert.Equal("Lattice Drafting: Verifying Many Speculative Continuations at Once", paper.Title);
        Assert.StartsWith("Speculative decoding accelerates autoregressive generation", paper.Abstract, StringComparison.Ordinal);
        Assert.Equal(3, paper.AuthorCount);
        Assert.Equal("Jan 2, 2024", paper.Date?.ToDisplay());
        Assert.Equal("https://arxiv.org/abs/2401.01234v2", paper.PrimaryLink);
        Assert.StartsWith(Path.Combine(h.Folder, "fetched"), result.File, StringComparison.Ordinal);

        // Adding it again changes nothing and keeps the same paper.
        var again = await h.Provider.GetRequiredService<PaperAdder>().AddAsync(reference!, CancellationToken.None);
        Assert.Equal(0, again.Report!.New);
        Assert.Equal(result.PaperId, again.PaperId);
        Assert.Equal(1, h.Provider.GetRequiredService<PaperStore>().CountPapers());
    }

    [Fact]
    public async Task A_hugging_face_paper_url_is_fetched_from_its_paper_page_with_upvotes()
    {
        using var h = Harness();

        var result = await h.Provider.GetRequiredService<PaperAdder>().AddAsync(PaperReference.TryParse("https://huggingface.co/papers/2511.04512", out _)!, CancellationToken.None);

        Assert.Equal("/api/papers/2511.04512", Assert.Single(_requests));
        var paper = h.Provider.GetRequiredService<PaperStore>().Get(result.PaperId!)!;
        Assert.Equal("Draft Trees: Faster Speculative Decoding with Adaptive Branching", paper.Title);
        Assert.Equal(61, paper.Upvotes);
        Assert.Equal("https://huggingface.co/papers/2511.04512", paper.PrimaryLink);
    }

    [Fact]
    public async Task An_id_the_source_does_not_know_adds_nothing()
    {
        using var h = Harness();

        var arxiv = await h.Provider.GetRequiredService<PaperAdder>().AddAsync(PaperReference.TryParse("arxiv:2401.99999", out _)!, CancellationToken.None);
        var hf = await h.Provider.GetRequiredService<PaperAdder>().AddAsync(PaperReference.TryParse("https://huggingface.co/papers/2401.99999", out _)!, CancellationToken.None);

        Assert.Null(arxiv.Paper);
        Assert.Null(hf.Paper);
        Assert.Equal(0, h.Provider.GetRequiredService<PaperStore>().CountPapers());
    }

    [Theory]
    [InlineData("arxiv:12345", "is not an arXiv id")]
    [InlineData("https://example.org/abs/2401.01234", "is not an arXiv abs/pdf URL")]
    [InlineData("https://arxiv.org/list/cs.CL/recent", "is not an arXiv abs/pdf URL")]
    public void Input_that_names_no_paper_is_refused_with_a_reason(string input, string reason)
    {
        Assert.Null(PaperReference.TryParse(input, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Old_style_ids_are_accepted()
    {
        Assert.Equal("cs/0112017", PaperReference.TryParse("https://arxiv.org/abs/cs/0112017v1", out _)!.ArxivId);
    }
}
