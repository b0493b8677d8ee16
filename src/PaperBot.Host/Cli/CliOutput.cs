using PaperBot.Core.Answering;
using PaperBot.Core.Ingest;
using PaperBot.Core.Papers;
using PaperBot.Core.Retrieval;

namespace PaperBot.Host.Cli;

/// <summary>The shapes of the CLI's --json output. Field names are part of the CLI's contract.</summary>
public static class CliOutput
{
    public sealed record SearchOutput(string Query, IReadOnlyList<SearchResultOutput> Results, int PapersSearched, string? Message);

    public sealed record SearchResultOutput(string Id, string Title, double Score, string? Date, string Snippet);

    public sealed record AskOutput(string Question, string Answer, bool Abstained, string Mode, string Basis, string? Note,
        IReadOnlyList<CitationOutput> Citations, int PapersSearched, string? ConversationId, string? StandaloneQuestion, UsageOutput? Usage);

    /// <summary>Model calls, tokens (null when the provider reported none or no model was called) and latency.</summary>
    public sealed record UsageOutput(string? Model, int ModelCalls, int? PromptTokens, int? CompletionTokens, int? TotalTokens, long LatencyMs);

    public sealed record CitationOutput(int N, string Id, string Title, string? Url, string? Date);

    public sealed record PaperOutput(string Id, string Title, bool TitleDerived, string Abstract, IReadOnlyList<string> Authors,
        bool? AuthorsComplete, IReadOnlyList<string> Orgs, string? Date, bool? YearKnown, int? Upvotes, int? NAuthors,
        string? Category, double? Score, bool? HasCode, IReadOnlyList<string> Links, IReadOnlyList<SourceOutput> Sources,
        DateTimeOffset? FirstSeen);

    public sealed record SourceOutput(string File, int Line);

    public static SearchOutput From(SearchResult r) => new(r.Query,
        r.Hits.Select(h => new SearchResultOutput(h.Paper.Id, h.Paper.Title, h.Score, h.Paper.Date?.ToIso(), h.Snippet)).ToList(),
        r.PapersSearched, r.Message);

    public static AskOutput From(Answer a, string? conversationId = null) => new(a.Question, a.Text, a.Abstained, a.Mode,
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(a.Basis.ToString()), a.Note,
        a.Citations.Select(c => new CitationOutput(c.N, c.Id, c.Title, c.Url, c.Date)).ToList(), a.PapersSearched,
        conversationId, a.StandaloneQuestion,
        a.Usage is { } u ? new UsageOutput(u.Model, u.ModelCalls, u.PromptTokens, u.CompletionTokens, u.TotalTokens, u.LatencyMs) : null);

    public static PaperOutput From(Paper p) => new(p.Id, p.Title, p.TitleDerived, p.Abstract, p.Authors, p.AuthorsComplete, p.Orgs,
        p.Date?.ToIso(), p.Date?.YearKnown, p.Upvotes, p.AuthorCount, p.Category, p.Score, p.HasCode, p.Links,
        p.Sources.Select(s => new SourceOutput(s.File, s.Line)).ToList(), p.FirstSeen);

    public static string Describe(IngestReport r)
    {
        var lines = new List<string>
        {
            $"Ingested {r.Files} file(s) in {r.Seconds:0.###} s: {r.Records} records → {r.Papers} papers " +
            $"({r.New} new, {r.Updated} updated, {r.Unchanged} unchanged, {r.Removed} removed; {r.Merged} records merged into papers seen elsewhere).",
        };
        foreach (var u in r.Unplaced)
        {
            lines.Add($"  unplaced {u.File}:{u.Line}: {u.Reason}: {u.Text}");
        }
        foreach (var e in r.Errors)
        {
            lines.Add(e.Line is { } line ? $"  refused {e.File}:{line}: {e.Message}" : $"  skipped {e.File}: {e.Message}");
        }
        foreach (var c in r.Conflicts)
        {
            lines.Add($"  conflict {c.File}:{c.Line}: paper {c.PaperId} already has a different abstract (from {c.KeptFrom}); kept that one");
        }
        return string.Join(Environment.NewLine, lines);
    }
}
