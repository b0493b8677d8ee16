using System.Text.RegularExpressions;
using PaperBot.Core.Papers;
using PaperBot.Core.Storage;

namespace PaperBot.Core.Digest;

/// <summary>
/// Picks the papers that arrived in a window, filters and ranks them for a subscription (keyword matches, upvotes,
/// recency), summarises each in two sentences and, with an LLM, opens with a paragraph over them all.
/// </summary>
public sealed class DigestComposer(SqliteConnectionFactory database, IPaperSummarizer summarizer, IEnumerable<IDigestOverviewWriter> overviewWriters)
{
    private readonly IDigestOverviewWriter? _overviewWriter = overviewWriters.FirstOrDefault();

    public async Task<DigestContent> ComposeAsync(DigestFilters filters, DateTimeOffset windowStart, DateTimeOffset windowEnd, CancellationToken cancellationToken)
    {
        var ranked = Rank(ArrivedBetween(windowStart, windowEnd), filters);
        var items = new List<DigestItem>();
        foreach (var (paper, matched) in ranked.Take(filters.MaxItems))
        {
            var summary = await summarizer.SummarizeAsync(paper, cancellationToken);
            if (string.IsNullOrWhiteSpace(summary))
            {
                summary = ExtractiveSummarizer.Summarize(paper.Abstract);
            }
            items.Add(new DigestItem(paper.Id, paper.Title, summary.Trim(), paper.PrimaryLink, paper.Upvotes, paper.Date?.ToDisplay(), matched));
        }
        var since = windowStart.ToString("MMM d, HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        // One paper needs no overview: its own summary says it all.
        var overview = _overviewWriter is not null && items.Count > 1
            ? await _overviewWriter.WriteAsync($"new papers since {since}", ranked.Take(items.Count).Select(r => r.Paper).ToList(), cancellationToken)
            : null;
        var heading = ranked.Count switch
        {
            0 => $"No new papers since {since}.",
            1 => "1 new paper",
            _ when ranked.Count > items.Count => $"{ranked.Count} new papers (the top {items.Count} below)",
            _ => $"{ranked.Count} new papers",
        };
        var footer = ranked.Count == 0
            ? ""
            : "Ask about any of them by its id, e.g. \"paper " + items[0].PaperId + "\" or a question naming the title.";
        return new DigestContent(heading, windowStart, windowEnd, ranked.Count, items, footer) { Overview = overview };
    }

    /// <summary>Filtered and best first: ties broken by id so the same input always gives the same digest.</summary>
    public static List<(Paper Paper, IReadOnlyList<string> Matched)> Rank(IReadOnlyList<Paper> papers, DigestFilters filters)
    {
        var patterns = filters.Keywords.Select(k => (Keyword: k, Pattern: new Regex(@"(?<![\p{L}\p{N}])" + Regex.Escape(k) + @"(?![\p{L}\p{N}])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))).ToList();
        var candidates = new List<(Paper Paper, IReadOnlyList<string> Matched)>();
        foreach (var paper in papers)
        {
            if (filters.MinUpvotes > 0 && (paper.Upvotes ?? -1) < filters.MinUpvotes)
            {
                continue;
            }
            var text = paper.Title + "\n" + paper.Abstract;
            var matched = patterns.Where(p => p.Pattern.IsMatch(text)).Select(p => p.Keyword).ToList();
            if (patterns.Count > 0 && matched.Count == 0)
            {
                continue;
            }
            candidates.Add((paper, matched));
        }
        // Recency: the newest listing date (then the latest arrival) ranks 1, the oldest 0; equal ages rank equal.
        var ages = candidates.Select(c => AgeKey(c.Paper)).Distinct().Order().ToList();
        var recency = ages.Select((age, i) => (age, rank: ages.Count > 1 ? i / (double)(ages.Count - 1) : 1.0)).ToDictionary(x => x.age, x => x.rank);
        return candidates
            .OrderByDescending(c => 2.0 * c.Matched.Count + Math.Log(1 + Math.Max(0, c.Paper.Upvotes ?? 0)) + recency[AgeKey(c.Paper)])
            .ThenBy(c => c.Paper.Id, StringComparer.Ordinal)
            .ToList();
    }

    private static (int Date, DateTimeOffset FirstSeen) AgeKey(Paper paper) =>
        (paper.Date is { YearKnown: true } date ? date.SortKey : 0, paper.FirstSeen ?? DateTimeOffset.MinValue);

    /// <summary>Papers whose first arrival is in (start, end].</summary>
    public IReadOnlyList<Paper> ArrivedBetween(DateTimeOffset start, DateTimeOffset end)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT {PaperRow.Columns} FROM papers p WHERE p.first_seen > $start AND p.first_seen <= $end ORDER BY p.first_seen, p.seq";
        cmd.Parameters.AddWithValue("$start", StoredTime.Format(start));
        cmd.Parameters.AddWithValue("$end", StoredTime.Format(end));
        using var reader = cmd.ExecuteReader();
        var papers = new List<Paper>();
        while (reader.Read())
        {
            papers.Add(PaperRow.Read(reader));
        }
        return papers;
    }
}
