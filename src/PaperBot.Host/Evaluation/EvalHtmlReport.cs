using System.Globalization;
using System.Net;
using System.Text;

namespace PaperBot.Host.Evaluation;

/// <summary>
/// <c>paperbot eval --html FILE</c>: one self-contained page to look at an evaluation run. Per kind, bars of the
/// retrieval and answer-quality figures with every system (PaperBot, the Lucene peer) side by side; the abstention
/// threshold grid as a heat map with the configured thresholds outlined; and sample answers with their sources.
/// Charts are inline SVG and the only style is inline, so the file opens anywhere and loads nothing. The page is
/// well-formed XML (XHTML syntax) so a test, or anyone's tooling, can parse it.
/// </summary>
public static class EvalHtmlReport
{
    private const int SamplesPerKind = 2;
    private const int BarWidth = 260;
    private const int LabelWidth = 170;
    private const int BarHeight = 11;

    private static readonly string[] Colors = ["#2b6cb0", "#dd6b20", "#38a169", "#805ad5"];

    /// <summary>A figure as the bars show it: its name, how to read it from a group's figures, and a one-line meaning.</summary>
    private sealed record Metric(string Name, Func<KindFigures, double?> Value, string Meaning);

    private static readonly Metric[] Metrics =
    [
        new("hit@1", f => f.HitAt1, "a gold paper ranked first"),
        new("recall@5", f => f.RecallAt5, "share of gold papers in the top 5"),
        new("MRR", f => f.Mrr, "mean reciprocal rank of the first gold paper"),
        new("facts contained", f => f.FactContainment, "share of expected facts found in the answers"),
        new("answers with all facts", f => f.AnswersWithAllFacts, "answers containing every expected fact"),
        new("citation support", f => f.CitationSupport, "answers whose cited sentences are found in the cited papers"),
        new("kind compliance", f => f.KindCompliance, "answers with the shape the question asks for"),
        new("no redundancy", f => f.Redundancy is { } r ? 1 - r : null, "answers without two near-duplicate sentences"),
    ];

    /// <param name="thresholds">The configured Answering:MinCoverage and MinMatchedWeight, outlined in the heat map.</param>
    public static string Render(EvalRun run, (double MinCoverage, double MinMatchedWeight)? thresholds = null)
    {
        var first = run.Systems[0];
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
            .Append("<title>PaperBot evaluation: ").Append(E(Path.GetFileName(first.File))).Append("</title>\n")
            .Append("<style>\n")
            .Append("body{font-family:system-ui,sans-serif;margin:2em;max-width:72em;color:#1a202c}")
            .Append("h2{margin-top:2em;border-bottom:1px solid #cbd5e0}")
            .Append(".kinds{display:flex;flex-wrap:wrap;gap:1.5em}.kind{border:1px solid #e2e8f0;padding:.6em;border-radius:6px}")
            .Append("table{border-collapse:collapse}td,th{padding:.2em .6em;border-bottom:1px solid #edf2f7;text-align:right}")
            .Append("td:first-child,th:first-child{text-align:left}.answer{border-left:4px solid #2b6cb0;padding:.3em .8em;margin:.8em 0}")
            .Append(".q{font-weight:600}.sources{color:#4a5568;font-size:.9em;margin:.2em 0 0 1em;padding:0}.missing{color:#c53030}")
            .Append("\n</style>\n</head>\n<body>\n");
        sb.Append("<h1>PaperBot evaluation</h1>\n<p>")
            .Append(E(string.Create(CultureInfo.InvariantCulture, $"{first.Questions.Count} questions from {first.File}, {first.Papers} papers; systems: ")))
            .Append(string.Join(", ", run.Systems.Select((s, i) => $"<span style=\"color:{Color(i)};font-weight:600\">{E(s.System)}</span>")))
            .Append(".</p>\n");

        Bars(sb, run);
        Counts(sb, run);
        foreach (var report in run.Systems.Where(r => r.AbstentionSweep.Count > 0))
        {
            HeatMap(sb, report, thresholds);
        }
        Samples(sb, run);
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    private static void Bars(StringBuilder sb, EvalRun run)
    {
        sb.Append("<h2 id=\"kinds\">Figures by kind</h2>\n<p>Each bar is a share from 0 to 1, one colour per system; a missing bar means the figure does not apply (no gold papers, no expected facts, or a system that does not answer).</p>\n<div class=\"kinds\">\n");
        var kinds = run.Systems[0].Kinds.Select(k => k.Kind).Append("overall");
        foreach (var kind in kinds)
        {
            var groups = run.Systems.Select(r => kind == "overall" ? r.Overall : r.Kinds.FirstOrDefault(k => k.Kind == kind)).ToList();
            var metrics = Metrics.Where(m => groups.Any(g => g is not null && m.Value(g) is not null)).ToList();
            if (metrics.Count == 0)
            {
                continue;
            }
            var rowHeight = run.Systems.Count * (BarHeight + 2) + 8;
            var height = metrics.Count * rowHeight + 28;
            var width = LabelWidth + BarWidth + 60;
            sb.Append("<div class=\"kind\" id=\"kind-").Append(E(kind)).Append("\">\n");
            sb.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{E(kind)} figures\">\n"));
            sb.Append(Inv($"<text x=\"0\" y=\"14\" font-size=\"14\" font-weight=\"bold\">{E(kind)} ({groups.FirstOrDefault(g => g is not null)?.Questions ?? 0} questions)</text>\n"));
            var y = 26;
            foreach (var metric in metrics)
            {
                sb.Append(Inv($"<text x=\"0\" y=\"{y + BarHeight}\" font-size=\"11\"><title>{E(metric.Meaning)}</title>{E(metric.Name)}</text>\n"));
                for (var s = 0; s < run.Systems.Count; s++)
                {
                    var by = y + s * (BarHeight + 2);
                    var value = groups[s] is { } g ? metric.Value(g) : null;
                    sb.Append(Inv($"<rect x=\"{LabelWidth}\" y=\"{by}\" width=\"{BarWidth}\" height=\"{BarHeight}\" fill=\"#edf2f7\"/>\n"));
                    if (value is { } v)
                    {
                        var w = Math.Round(Math.Clamp(v, 0, 1) * BarWidth, 1);
                        sb.Append(Inv($"<rect x=\"{LabelWidth}\" y=\"{by}\" width=\"{w}\" height=\"{BarHeight}\" fill=\"{Color(s)}\" class=\"bar\" data-system=\"{E(run.Systems[s].System)}\" data-metric=\"{E(metric.Name)}\" data-value=\"{F(v)}\"><title>{E(run.Systems[s].System)} {E(metric.Name)}: {F(v)}</title></rect>\n"));
                        sb.Append(Inv($"<text x=\"{LabelWidth + BarWidth + 4}\" y=\"{by + BarHeight - 1}\" font-size=\"10\">{F(v)}</text>\n"));
                    }
                    else
                    {
                        sb.Append(Inv($"<text x=\"{LabelWidth + BarWidth + 4}\" y=\"{by + BarHeight - 1}\" font-size=\"10\" fill=\"#a0aec0\">–</text>\n"));
                    }
                }
                y += rowHeight;
            }
            sb.Append("</svg>\n</div>\n");
        }
        sb.Append("</div>\n");
    }

    private static void Counts(StringBuilder sb, EvalRun run)
    {
        sb.Append("<h2 id=\"counts\">Counts and latency</h2>\n<table>\n<tr><th>kind</th><th>system</th><th>questions</th><th>dangling openers</th><th>markup leaks</th><th>correct abstention</th><th>wrong abstention</th><th>p50 ms</th><th>p95 ms</th></tr>\n");
        foreach (var kind in run.Systems[0].Kinds.Select(k => k.Kind).Append("overall"))
        {
            foreach (var report in run.Systems)
            {
                var f = kind == "overall" ? report.Overall : report.Kinds.FirstOrDefault(k => k.Kind == kind);
                if (f is null)
                {
                    continue;
                }
                sb.Append(Inv($"<tr><td>{E(kind)}</td><td>{E(report.System)}</td><td>{f.Questions}</td><td>{N(f.DanglingOpeners)}</td><td>{N(f.MarkupLeaks)}</td><td>{F(f.CorrectAbstention)}</td><td>{F(f.WrongAbstention)}</td><td>{f.LatencyMedianMs:0.0}</td><td>{f.LatencyP95Ms:0.0}</td></tr>\n"));
            }
        }
        sb.Append("</table>\n");
    }

    /// <summary>Rows: Answering:MinCoverage; columns: MinMatchedWeight (1000 = coverage alone). Green is many out-of-corpus
    /// questions declined and few answerable ones; each cell reads "correct / wrong" abstention.</summary>
    private static void HeatMap(StringBuilder sb, EvalReport report, (double MinCoverage, double MinMatchedWeight)? thresholds)
    {
        var coverages = report.AbstentionSweep.Select(t => t.MinCoverage).Distinct().Order().ToList();
        var weights = report.AbstentionSweep.Select(t => t.MinMatchedWeight).Distinct().Order().ToList();
        const int cellWidth = 76, cellHeight = 30, left = 70, top = 40;
        var width = left + weights.Count * cellWidth + 10;
        var height = top + coverages.Count * cellHeight + 10;
        sb.Append("<h2 id=\"abstention\">Abstention threshold grid (").Append(E(report.System)).Append(")</h2>\n")
            .Append("<p>Each cell: share of out-of-corpus questions declined / share of answerable questions wrongly declined, if the bot used that pair of thresholds. Greener is better (more correct, fewer wrong).")
            .Append(thresholds is null ? "" : " The outlined cell is the configured pair.").Append("</p>\n");
        sb.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"heatmap-{E(report.System)}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"abstention threshold heat map\">\n"));
        sb.Append(Inv($"<text x=\"{left}\" y=\"14\" font-size=\"11\">MinMatchedWeight →</text><text x=\"0\" y=\"{top - 6}\" font-size=\"11\">MinCoverage ↓</text>\n"));
        for (var c = 0; c < weights.Count; c++)
        {
            var label = weights[c] >= 1000 ? "coverage only" : weights[c].ToString("0", CultureInfo.InvariantCulture);
            sb.Append(Inv($"<text x=\"{left + c * cellWidth + cellWidth / 2}\" y=\"{top - 6}\" font-size=\"11\" text-anchor=\"middle\">{E(label)}</text>\n"));
        }
        for (var r = 0; r < coverages.Count; r++)
        {
            var y = top + r * cellHeight;
            sb.Append(Inv($"<text x=\"0\" y=\"{y + cellHeight / 2 + 4}\" font-size=\"11\">{coverages[r]:0.00}</text>\n"));
            for (var c = 0; c < weights.Count; c++)
            {
                var cell = report.AbstentionSweep.FirstOrDefault(t => t.MinCoverage == coverages[r] && t.MinMatchedWeight == weights[c]);
                if (cell is null)
                {
                    continue;
                }
                var x = left + c * cellWidth;
                var current = thresholds is { } t0 && Math.Abs(t0.MinCoverage - cell.MinCoverage) < 1e-9 && Math.Abs(t0.MinMatchedWeight - cell.MinMatchedWeight) < 1e-9;
                var stroke = current ? "stroke=\"#1a202c\" stroke-width=\"3\"" : "stroke=\"#ffffff\" stroke-width=\"1\"";
                sb.Append(Inv($"<rect x=\"{x}\" y=\"{y}\" width=\"{cellWidth}\" height=\"{cellHeight}\" fill=\"{Heat(cell.CorrectAbstention - cell.WrongAbstention)}\" {stroke} class=\"cell\" data-coverage=\"{F(cell.MinCoverage)}\" data-weight=\"{F(cell.MinMatchedWeight)}\"{(current ? " data-configured=\"true\"" : "")}><title>MinCoverage {cell.MinCoverage:0.00}, MinMatchedWeight {cell.MinMatchedWeight:0}: correct {F(cell.CorrectAbstention)}, wrong {F(cell.WrongAbstention)}</title></rect>\n"));
                sb.Append(Inv($"<text x=\"{x + cellWidth / 2}\" y=\"{y + cellHeight / 2 + 4}\" font-size=\"10\" text-anchor=\"middle\">{cell.CorrectAbstention:0.00}/{cell.WrongAbstention:0.00}</text>\n"));
            }
        }
        sb.Append("</svg>\n");
    }

    /// <summary>Per kind, the first answers of each answering system, with their sources and the facts they missed.</summary>
    private static void Samples(StringBuilder sb, EvalRun run)
    {
        sb.Append("<h2 id=\"samples\">Sample answers</h2>\n");
        foreach (var report in run.Systems.Where(r => r.Questions.Any(q => q.AnswerText is not null)))
        {
            foreach (var kind in report.Questions.GroupBy(q => q.Kind, StringComparer.Ordinal))
            {
                sb.Append("<h3>").Append(E(kind.Key)).Append(" (").Append(E(report.System)).Append(")</h3>\n");
                foreach (var q in kind.Where(q => q.AnswerText is not null).Take(SamplesPerKind))
                {
                    sb.Append("<div class=\"answer sample\">\n<p class=\"q\">").Append(E(q.Id)).Append(": ").Append(E(q.Question)).Append("</p>\n");
                    sb.Append("<p class=\"text\">").Append(E(q.AnswerText!)).Append("</p>\n");
                    if (q.Sources.Count > 0)
                    {
                        sb.Append("<ul class=\"sources\">\n");
                        foreach (var source in q.Sources)
                        {
                            sb.Append("<li>").Append(E(source)).Append("</li>\n");
                        }
                        sb.Append("</ul>\n");
                    }
                    var flags = new List<string>();
                    if (q.FactsTotal > 0)
                    {
                        flags.Add(Inv($"facts {q.FactsFound}/{q.FactsTotal}"));
                    }
                    if (q.KindCompliant is { } compliant)
                    {
                        flags.Add($"{q.AskedShape}: {(compliant ? "as asked" : "not as asked")}");
                    }
                    if (q.DanglingOpeners > 0 || q.MarkupLeaks > 0 || q.Redundant == true)
                    {
                        flags.Add(Inv($"dangling {q.DanglingOpeners}, leaks {q.MarkupLeaks}, redundant {q.Redundant == true}"));
                    }
                    sb.Append("<p class=\"sources\">").Append(E(string.Join("; ", flags))).Append("</p>\n");
                    if (q.MissingFacts.Count > 0)
                    {
                        sb.Append("<p class=\"sources missing\">missing: ").Append(E(string.Join(", ", q.MissingFacts))).Append("</p>\n");
                    }
                    sb.Append("</div>\n");
                }
            }
        }
    }

    /// <summary>Red (−1) through pale yellow (0) to green (+1).</summary>
    private static string Heat(double score)
    {
        var s = Math.Clamp(score, -1, 1);
        var (r, g, b) = s >= 0
            ? (Mix(0xfe, 0x38, s), Mix(0xfc, 0xa1, s), Mix(0xbf, 0x69, s))
            : (Mix(0xfe, 0xe5, -s), Mix(0xfc, 0x3e, -s), Mix(0xbf, 0x3e, -s));
        return $"#{r:x2}{g:x2}{b:x2}";
    }

    private static int Mix(int from, int to, double t) => (int)Math.Round(from + (to - from) * t);

    private static string Color(int system) => Colors[system % Colors.Length];

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string F(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "–";

    private static string N(int? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "–";

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
