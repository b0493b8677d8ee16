using System.Globalization;
using System.Text;

namespace PaperBot.Host.Evaluation;

/// <summary>The human-readable table of an evaluation run, systems side by side per kind.</summary>
public static class EvalReportText
{
    public static string Render(EvalRun run)
    {
        var sb = new StringBuilder();
        var first = run.Systems[0];
        sb.AppendLine(CultureInfo.InvariantCulture, $"{first.Questions.Count} questions from {first.File}, {first.Papers} papers.");
        sb.AppendLine("kind                 system     n  hit@1 hit@5   R@5   MRR exact abst-ok wrong-abst facts cites  p50ms  p95ms");
        var rows = first.Kinds.Select(k => k.Kind).Append("vocabulary_mismatch").Append("overall");
        foreach (var kind in rows)
        {
            foreach (var report in run.Systems)
            {
                var f = kind switch
                {
                    "overall" => report.Overall,
                    "vocabulary_mismatch" => report.VocabularyMismatch,
                    _ => report.Kinds.FirstOrDefault(k => k.Kind == kind),
                };
                if (f is null)
                {
                    continue;
                }
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"{f.Kind,-20} {report.System,-8} {f.Questions,3} {N(f.HitAt1)} {N(f.HitAt5)} {N(f.RecallAt5)} {N(f.Mrr)} {N(f.MetadataExact)}   {N(f.CorrectAbstention)}      {N(f.WrongAbstention)} {N(f.FactContainment)} {N(f.CitationValidity)} {f.LatencyMedianMs,6:0.0} {f.LatencyP95Ms,6:0.0}");
            }
        }
        sb.AppendLine("answer quality       system     n all-facts support redundant dangling leaks kind-ok");
        foreach (var kind in first.Kinds.Select(k => k.Kind).Append("overall"))
        {
            foreach (var report in run.Systems.Where(r => r.Overall.DanglingOpeners is not null))
            {
                var f = kind == "overall" ? report.Overall : report.Kinds.FirstOrDefault(k => k.Kind == kind);
                if (f is null)
                {
                    continue;
                }
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"{f.Kind,-20} {report.System,-8} {f.Questions,3}     {N(f.AnswersWithAllFacts)}   {N(f.CitationSupport)}     {N(f.Redundancy)}    {f.DanglingOpeners,5} {f.MarkupLeaks,5}   {N(f.KindCompliance)}");
            }
        }
        foreach (var report in run.Systems.Where(r => r.AbstentionSweep.Count > 0))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{report.System} abstention (correct on out-of-corpus / wrong on answerable) by MinCoverage (rows) and MinMatchedWeight (columns, 1000 = coverage only):");
            foreach (var row in report.AbstentionSweep.GroupBy(t => t.MinCoverage))
            {
                var cells = row.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.MinMatchedWeight,4:0}→{t.CorrectAbstention:0.00}/{t.WrongAbstention:0.00}"));
                sb.Append(CultureInfo.InvariantCulture, $"  {row.Key:0.00}: ").AppendLine(string.Join("  ", cells));
            }
        }
        foreach (var report in run.Systems)
        {
            var misses = report.Questions.Where(q => q.HitAt5 == 0 || q.Abstained != q.ExpectsAbstention && report.Kinds.Any(k => k.WrongAbstention is not null)).ToList();
            if (misses.Count == 0)
            {
                continue;
            }
            sb.AppendLine(CultureInfo.InvariantCulture, $"{report.System}: missed in the top 5 or abstained wrongly:");
            foreach (var q in misses)
            {
                var why = q.HitAt5 == 0 ? "not in top 5" : q.Abstained ? "abstained" : "answered";
                sb.AppendLine(CultureInfo.InvariantCulture, $"  {q.Id} [{q.Kind}] {why}: {Shorten(q.Question, 90)}");
            }
        }
        return sb.ToString().TrimEnd();
    }

    private static string N(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture).PadLeft(5) : "    -";

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
