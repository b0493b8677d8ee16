using System.Diagnostics;
using System.Text.Json;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Cli;

/// <summary>Runs the real <c>paperbot</c> executable as a user would, against a temporary database.</summary>
public sealed class CommandLineEndToEndTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) => RunWithAsync(new Dictionary<string, string>(), args);

    // Each run here starts from an empty database, so PaperBotProcess runs it without the local model (the shared
    // embedded corpus covers the model); a test may still ask for it by name through the environment.
    private Task<(int ExitCode, string Stdout, string Stderr)> RunWithAsync(Dictionary<string, string> environment, params string[] args) =>
        PaperBotProcess.RunAsync(RepositoryPaths.Root, environment, [.. args, "--db", _db.Path]);

    [Fact]
    public async Task Ask_on_an_empty_database_ingests_the_corpus_and_answers_with_citations()
    {
        var (code, stdout, stderr) = await RunAsync("ask", "which papers tackle continual relation extraction?", "--json");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.False(root.GetProperty("abstained").GetBoolean());
        Assert.Equal("extractive", root.GetProperty("mode").GetString());
        var citations = root.GetProperty("citations").EnumerateArray().ToList();
        Assert.NotEmpty(citations);
        Assert.All(citations, c => Assert.Contains("Continual Relation Extraction", c.GetProperty("title").GetString(), StringComparison.Ordinal));
        Assert.Contains("[1]", root.GetProperty("answer").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_with_a_bad_setting_exits_2_naming_the_setting_without_a_stack_trace()
    {
        var (code, _, stderr) = await RunWithAsync(new() { ["Retrieval__CandidateDepth"] = "5" }, "serve", "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, code);
        Assert.Contains("Configuration error", stderr, StringComparison.Ordinal);
        Assert.Contains("CandidateDepth", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_with_bad_settings_in_two_sections_names_both_on_one_line()
    {
        var (code, _, stderr) = await RunWithAsync(new() { ["Retrieval__CandidateDepth"] = "5", ["Answering__MaxPapers"] = "0" }, "serve", "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, code);
        Assert.Contains("CandidateDepth", stderr, StringComparison.Ordinal);
        Assert.Contains("MaxPapers", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_search_paper_and_stats_speak_json()
    {
        var ingest = await RunAsync("ingest", "--json");
        Assert.Equal(0, ingest.ExitCode);
        using var report = JsonDocument.Parse(ingest.Stdout);
        Assert.Equal(5, report.RootElement.GetProperty("files").GetInt32());
        Assert.Empty(report.RootElement.GetProperty("unplaced").EnumerateArray());

        var search = await RunAsync("search", "speculative decoding", "--top", "3", "--json");
        Assert.Equal(0, search.ExitCode);
        using var results = JsonDocument.Parse(search.Stdout);
        var first = results.RootElement.GetProperty("results")[0];
        var id = first.GetProperty("id").GetString()!;

        var paper = await RunAsync("paper", id, "--json");
        Assert.Equal(0, paper.ExitCode);
        using var details = JsonDocument.Parse(paper.Stdout);
        foreach (var field in new[] { "title_derived", "authors", "authors_complete", "orgs", "date", "year_known", "upvotes", "n_authors", "category", "score", "has_code", "links", "sources" })
        {
            Assert.True(details.RootElement.TryGetProperty(field, out _), $"paper --json lacks {field}");
        }

        var stats = await RunAsync("stats", "--json");
        Assert.Equal(0, stats.ExitCode);
        using var counts = JsonDocument.Parse(stats.Stdout);
        Assert.Equal(report.RootElement.GetProperty("papers").GetInt32(), counts.RootElement.GetProperty("papers").GetInt32());
    }

    [Fact]
    public async Task Unknown_paper_id_is_a_clear_error_with_exit_code_1()
    {
        var (code, _, stderr) = await RunAsync("paper", "nosuch");

        Assert.Equal(1, code);
        Assert.Contains("No paper has the id", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_database_file_is_reported_without_a_stack_trace()
    {
        File.WriteAllText(_db.Path, "this is not a database, just some text that is long enough to look like a header of a file");

        var (code, _, stderr) = await RunAsync("stats");

        Assert.Equal(1, code);
        Assert.Contains("Database error", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }
}
