using System.Diagnostics;

namespace PaperBot.Host.Evaluation;

/// <summary>Puts every question to a system and scores what comes back against the gold papers and facts.</summary>
public static class EvalRunner
{
    public const int DepthForRecall = 5;
    private static readonly double[] MatchedWeightGrid = [6, 7, 8, 9, 10, 11, 12, 1000];

    public static async Task<EvalReport> RunAsync(IEvaluatedSystem system, IReadOnlyList<EvalQuestion> questions, GoldResolver gold, string file, int papers,
        Func<string, PaperBot.Core.Papers.Paper?>? paper = null, bool trace = false)
    {
        var goldIds = ResolveAll(questions, gold);
        // One untimed warm-up, so the first question does not pay for JIT and cold caches.
        await system.RespondAsync(questions[0].Question);
        var outcomes = new List<QuestionOutcome>();
        foreach (var q in questions)
        {
            outcomes.Add(await ScoreAsync(system, q, goldIds[q.Id], paper, trace));
        }
        var kinds = outcomes.GroupBy(o => o.Kind, StringComparer.Ordinal)
            .Select(g => Figures(g.Key, g.ToList(), system.Answers))
            .OrderBy(k => k.Kind, StringComparer.Ordinal)
            .ToList();
        var mismatch = outcomes.Where(o => o.Mismatch).ToList();
        return new EvalReport
        {
            System = system.Name,
            File = file,
            Papers = papers,
            Kinds = kinds,
            VocabularyMismatch = mismatch.Count == 0 ? null : Figures("vocabulary_mismatch", mismatch, system.Answers),
            Overall = Figures("overall", outcomes, system.Answers),
            AbstentionSweep = system.Answers ? Sweep(outcomes) : [],
            Questions = outcomes,
        };
    }

    /// <summary>Every gold title must name a paper in the database; a typo in the file must not pass as a miss.</summary>
    private static Dictionary<string, IReadOnlyList<string>> ResolveAll(IReadOnlyList<EvalQuestion> questions, GoldResolver gold)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var q in questions)
        {
            var ids = new List<string>();
            foreach (var title in q.GoldTitles)
            {
                if (gold.Resolve(title) is { } id)
                {
                    ids.Add(id);
                }
                else
                {
                    unknown.Add($"{q.Id}: \"{title}\"");
                }
            }
            result[q.Id] = ids.Distinct(StringComparer.Ordinal).ToList();
        }
        if (unknown.Count > 0)
        {
            throw new EvalFileException("These gold papers are not in the database: " + string.Join("; ", unknown));
        }
        return result;
    }

    /// <summary>Where each gold paper stands (1-based) in each ranking the fusion read and in the fused order; null when
    /// the ranking did not reach it.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<int?>> GoldRanksIn(FusionOutcome fusion, IReadOnlyList<string> gold) =>
        fusion.Rankings.ToDictionary(
            r => r.Key,
            r => (IReadOnlyList<int?>)gold.Select(g => r.Value.Select(h => h.Id).ToList().IndexOf(g) is var i and >= 0 ? i + 1 : (int?)null).ToList());

    private static async Task<QuestionOutcome> ScoreAsync(IEvaluatedSystem system, EvalQuestion q, IReadOnlyList<string> gold, Func<string, PaperBot.Core.Papers.Paper?>? paper, bool trace)
    {
        var stopwatch = Stopwatch.StartNew();
        var response = await system.RespondAsync(q.Question);
        var latency = stopwatch.Elapsed.TotalMilliseconds;

        var ranked = response.RankedIds;
        var goldSet = gold.ToHashSet(StringComparer.Ordinal);
        double? hit1 = null, hit5 = null, recall5 = null, rr = null;
        bool? exact = null;
        if (goldSet.Count > 0)
        {
            var top5 = ranked.Take(DepthForRecall).ToList();
            hit1 = ranked.Count > 0 && goldSet.Contains(ranked[0]) ? 1 : 0;
            hit5 = top5.Any(goldSet.Contains) ? 1 : 0;
            recall5 = (double)top5.Count(goldSet.Contains) / Math.Min(DepthForRecall, goldSet.Count);
            var first = ranked.ToList().FindIndex(goldSet.Contains);
            rr = first < 0 ? 0 : 1.0 / (first + 1);
            exact = ranked.ToHashSet(StringComparer.Ordinal).SetEquals(goldSet);
        }
        var missing = system.Answers
            ? q.AnswerFacts.Where(f => !AnswerFacts.Mentions(response.SaidText, f)).ToList()
            : [];
        bool? citationsValid = system.Answers && !response.Abstained
            ? response.CitedIds.All(ranked.Contains)
            : null;
        var quality = system.Answers && paper is not null ? AnswerQuality.Score(q.Question, q.ExpectsAbstention, response, gold, paper) : null;
        return new QuestionOutcome
        {
            AllFacts = system.Answers && q.AnswerFacts.Count > 0 ? missing.Count == 0 : null,
            CitationsSupported = quality?.Supported,
            Redundant = quality?.Redundant,
            DanglingOpeners = quality?.DanglingOpeners ?? 0,
            MarkupLeaks = quality?.MarkupLeaks ?? 0,
            AskedShape = quality?.Shape,
            KindCompliant = quality?.Compliant,
            Id = q.Id,
            Kind = q.Kind,
            Mismatch = q.Mismatch,
            Question = q.Question,
            ExpectsAbstention = q.ExpectsAbstention,
            GoldIds = gold,
            Top5 = ranked.Take(DepthForRecall).ToList(),
            HitAt1 = hit1,
            HitAt5 = hit5,
            RecallAt5 = recall5,
            ReciprocalRank = rr,
            Exact = exact,
            Abstained = response.Abstained,
            FactsTotal = system.Answers ? q.AnswerFacts.Count : 0,
            FactsFound = system.Answers ? q.AnswerFacts.Count - missing.Count : 0,
            MissingFacts = missing,
            CitationsValid = citationsValid,
            LatencyMs = Math.Round(latency, 2),
            TopCoverage = response.TopCoverage,
            TopMatchedWeight = response.TopMatchedWeight,
            TopSimilarity = response.TopSimilarity,
            SimilarityMargin = response.SimilarityMargin,
            UnfamiliarShare = response.UnfamiliarShare,
            AbstentionReason = response.AbstentionReason,
            TopKeywordRank = response.TopKeywordRank,
            TopDenseRank = response.TopDenseRank,
            GoldRanks = gold.Count == 0 || response.Fusion is not { } fusion ? null : GoldRanksIn(fusion, gold),
            Trace = trace && response.Fusion is { } traced ? FusionTraceOutput.Of(traced) : null,
            AnswerText = system.Answers ? response.AnswerText : null,
            Note = system.Answers ? response.Note : null,
            Sources = response.Sources,
        };
    }

    private static KindFigures Figures(string kind, IReadOnlyList<QuestionOutcome> outcomes, bool answers)
    {
        var ranked = outcomes.Where(o => o.HitAt1 is not null).ToList();
        var abstain = outcomes.Where(o => o.ExpectsAbstention).ToList();
        var answerable = outcomes.Where(o => !o.ExpectsAbstention).ToList();
        var facts = outcomes.Sum(o => o.FactsTotal);
        var cited = outcomes.Where(o => o.CitationsValid is not null).ToList();
        var latencies = outcomes.Select(o => o.LatencyMs).Order().ToList();
        return new KindFigures
        {
            Kind = kind,
            Questions = outcomes.Count,
            HitAt1 = Mean(ranked, o => o.HitAt1!.Value),
            HitAt5 = Mean(ranked, o => o.HitAt5!.Value),
            RecallAt5 = Mean(ranked, o => o.RecallAt5!.Value),
            Mrr = Mean(ranked, o => o.ReciprocalRank!.Value),
            MetadataExact = kind == "metadata" ? Mean(ranked, o => o.Exact == true ? 1 : 0) : null,
            CorrectAbstention = answers ? Mean(abstain, o => o.Abstained ? 1 : 0) : null,
            WrongAbstention = answers ? Mean(answerable, o => o.Abstained ? 1 : 0) : null,
            FactContainment = answers && facts > 0 ? Math.Round((double)outcomes.Sum(o => o.FactsFound) / facts, 3) : null,
            CitationValidity = Mean(cited, o => o.CitationsValid == true ? 1 : 0),
            AnswersWithAllFacts = Mean(outcomes.Where(o => o.AllFacts is not null).ToList(), o => o.AllFacts == true ? 1 : 0),
            CitationSupport = Mean(outcomes.Where(o => o.CitationsSupported is not null).ToList(), o => o.CitationsSupported == true ? 1 : 0),
            Redundancy = answers ? Mean(outcomes.Where(o => o.Redundant is not null).ToList(), o => o.Redundant == true ? 1 : 0) : null,
            DanglingOpeners = answers ? outcomes.Sum(o => o.DanglingOpeners) : null,
            MarkupLeaks = answers ? outcomes.Sum(o => o.MarkupLeaks) : null,
            KindCompliance = Mean(outcomes.Where(o => o.KindCompliant is not null).ToList(), o => o.KindCompliant == true ? 1 : 0),
            LatencyMedianMs = Percentile(latencies, 0.5),
            LatencyP95Ms = Percentile(latencies, 0.95),
        };
    }

    /// <summary>
    /// What each pair of thresholds would do on these questions. The bot answers when the best paper covers at
    /// least <c>MinCoverage</c> of the question, or when the question words it contains weigh at least
    /// <c>MinMatchedWeight</c> (summed IDF); otherwise it says it found nothing. For each pair: the share of
    /// "nothing in the corpus" questions abstained on, and the share of answerable content questions wrongly
    /// abstained on. Answering:MinCoverage and Answering:MinMatchedWeight are chosen from this grid.
    /// </summary>
    private static IReadOnlyList<ThresholdFigures> Sweep(IReadOnlyList<QuestionOutcome> outcomes)
    {
        var content = outcomes.Where(o => o.TopCoverage is not null).ToList();
        var abstain = content.Where(o => o.ExpectsAbstention).ToList();
        var answerable = content.Where(o => !o.ExpectsAbstention).ToList();
        if (abstain.Count == 0 || answerable.Count == 0)
        {
            return [];
        }
        bool Abstains(QuestionOutcome o, double coverage, double weight) => o.TopCoverage < coverage && (o.TopMatchedWeight ?? 0) < weight;
        return (from c in Enumerable.Range(6, 9).Select(i => Math.Round(i * 0.05, 2))
                from w in MatchedWeightGrid
                select new ThresholdFigures(c, w,
                    Math.Round(abstain.Count(o => Abstains(o, c, w)) / (double)abstain.Count, 3),
                    Math.Round(answerable.Count(o => Abstains(o, c, w)) / (double)answerable.Count, 3))).ToList();
    }

    private static double? Mean(IReadOnlyList<QuestionOutcome> items, Func<QuestionOutcome, double> value) =>
        items.Count == 0 ? null : Math.Round(items.Average(value), 3);

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return 0;
        }
        var rank = (int)Math.Ceiling(p * sorted.Count);
        return Math.Round(sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)], 2);
    }
}
