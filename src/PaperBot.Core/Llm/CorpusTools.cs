using System.ComponentModel;
using System.Text;
using Microsoft.SemanticKernel;
using PaperBot.Core.Answering;
using PaperBot.Core.Papers;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Storage;

namespace PaperBot.Core.Llm;

/// <summary>
/// The corpus as kernel functions the model may call while it answers one question: search by topic, find by
/// metadata, get one paper. One instance per answer: it numbers every paper the model has seen, the evidence first
/// and then each paper a function returns, so the answer's <c>[n]</c> can be checked against exactly those papers.
/// What the functions return is data (neutralised like the evidence), never instructions.
/// </summary>
public sealed class CorpusTools
{
    public const string PluginName = "corpus";

    // A function's reply stays a few thousand tokens at most, however broad the request.
    private const int MaxPapersPerCall = 6;

    // Everything the model may cite in one answer; more would only dilute the answer.
    private const int MaxPapersSeen = 24;

    private readonly EvidenceFinder _evidence;
    private readonly MetadataAnswerer _metadata;
    private readonly PaperStore _store;
    private readonly TitleFinder _titles;
    private readonly List<Paper> _seen;

    public CorpusTools(IReadOnlyList<Paper> evidence, EvidenceFinder finder, MetadataAnswerer metadata, PaperStore store)
    {
        _evidence = finder;
        _store = store;
        _metadata = metadata;
        _titles = new TitleFinder(store.Database);
        _seen = evidence.DistinctBy(p => p.Id).ToList();
        Plugin = KernelPluginFactory.CreateFromObject(this, PluginName);
    }

    public KernelPlugin Plugin { get; }

    /// <summary>Every paper the model was shown, numbered from 1: the evidence, then what the functions returned.</summary>
    public IReadOnlyList<Paper> Seen => _seen;

    /// <summary>The ids of the papers the functions added to the evidence, in order.</summary>
    public IReadOnlyList<string> Returned => _returned;

    private readonly List<string> _returned = [];

    [KernelFunction("search_papers")]
    [Description("Searches the reading list (titles and abstracts) for papers about a topic. Returns numbered papers to cite by their number.")]
    public async Task<string> SearchPapersAsync(
        [Description("The topic or paper name to search for, in a few words, e.g. \"step-wise preference optimization\".")] string query,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return "Give a topic to search for.";
        }
        var found = await _evidence.FindAsync(query, cancellationToken);
        return found.Abstained
            ? $"No paper in the reading list of {found.PapersSearched} papers is about \"{PromptData.Neutralize(query)}\"."
            : Show(found.Papers.Select(h => h.Paper).Take(MaxPapersPerCall).ToList(), $"Papers about \"{PromptData.Neutralize(query)}\"");
    }

    [KernelFunction("find_papers")]
    [Description("Finds papers by their listing metadata: author, organisation, date, code; optionally only those about a topic. Give at least one condition.")]
    public string FindPapers(
        [Description("An author's full name, e.g. \"Damai Dai\".")] string? author = null,
        [Description("An organisation, e.g. \"pku\" or \"Google\".")] string? organisation = null,
        [Description("A date or range as a person says it: \"2024\", \"March 2025\", \"since 2023\", \"between 2021 and 2022\".")] string? date = null,
        [Description("Only papers whose listing says code is available.")] bool withCode = false,
        [Description("Only papers about this topic, e.g. \"mixture of experts\".")] string? topic = null)
    {
        var range = string.IsNullOrWhiteSpace(date) ? null : DateRangeParser.Parse(date);
        if (!string.IsNullOrWhiteSpace(date) && range is null)
        {
            return $"The date \"{PromptData.Neutralize(date)}\" could not be read; give a year, a month and year, or a range of years.";
        }
        var query = new MetadataQuery
        {
            Author = Blank(author),
            Org = Blank(organisation),
            FromDate = range?.From,
            ToDate = range?.To,
            MonthOfYear = range?.MonthOfYear,
            DayOfMonth = range?.DayOfMonth,
            DateText = range?.Text,
            WithCode = withCode,
            Topic = Blank(topic),
        };
        if (!query.HasConditions)
        {
            return query.Topic is null
                ? "Give at least one condition: author, organisation, date or code."
                : "For a topic alone, call search_papers.";
        }
        var ids = _metadata.Matches(query);
        if (ids.Count == 0)
        {
            return $"No paper in the reading list is {PromptData.Neutralize(query.Describe())}.";
        }
        var shown = _store.GetMany(ids.Take(MaxPapersPerCall).ToList());
        var more = ids.Count > shown.Count ? $" ({ids.Count} in all; the first {shown.Count} follow)" : "";
        return Show(shown, $"Papers {PromptData.Neutralize(query.Describe())}{more}");
    }

    [KernelFunction("get_paper")]
    [Description("Gives one paper of the reading list by its id (e.g. \"dhxzs6\") or its title or short name (e.g. \"Step-DPO\").")]
    public string GetPaper([Description("The paper's id, title or short name.")] string paper)
    {
        var name = (paper ?? "").Trim();
        if (name.Length == 0)
        {
            return "Give a paper's id or title.";
        }
        var found = _store.Get(name) ?? (_titles.Find(name) is { } match ? _store.Get(match.Id) : null);
        return found is null
            ? $"No paper in the reading list has the id or title \"{PromptData.Neutralize(name)}\"."
            : Show([found], "The paper");
    }

    private string Show(IReadOnlyList<Paper> papers, string heading)
    {
        var sb = new StringBuilder(heading).Append(":\n\n");
        var shown = 0;
        foreach (var paper in papers)
        {
            var n = Number(paper);
            if (n is null)
            {
                continue;
            }
            sb.Append(PromptData.Paper(paper, n.Value)).Append("\n\n");
            shown++;
        }
        if (shown < papers.Count)
        {
            sb.Append($"({papers.Count - shown} more not shown: this answer has seen {MaxPapersSeen} papers, the most it may cite.)");
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>The paper's number for citing, given on first sight; null once the answer has seen too many papers.</summary>
    private int? Number(Paper paper)
    {
        var index = _seen.FindIndex(p => p.Id == paper.Id);
        if (index >= 0)
        {
            return index + 1;
        }
        if (_seen.Count >= MaxPapersSeen)
        {
            return null;
        }
        _seen.Add(paper);
        _returned.Add(paper.Id);
        return _seen.Count;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
