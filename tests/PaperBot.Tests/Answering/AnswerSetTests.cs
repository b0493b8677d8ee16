using PaperBot.Host.Evaluation;
using PaperBot.Tests.Retrieval;

namespace PaperBot.Tests.Answering;

/// <summary>
/// The answer set (answers.jsonl: 50 questions by kind with expected facts, written before the composer was tuned;
/// first run in answers-first-run.md) run through <c>paperbot eval</c>'s harness, with floors on answer quality.
/// </summary>
public sealed class AnswerSetTests(EvaluatedCorpus corpus) : IClassFixture<EvaluatedCorpus>
{
    private string AnswerFile => Path.Combine(corpus.RepositoryRoot, "tests", "PaperBot.Tests", "Answering", "answers.jsonl");

    [Fact]
    public async Task Answer_set_stays_above_its_floors()
    {
        var report = (await EvalCommand.EvaluateAsync(corpus.Services, AnswerFile, peer: null)).Systems.Single();
        var overall = report.Overall;
        var failures = new List<string>();
        KindFigures Kind(string name) => report.Kinds.Single(k => k.Kind == name);

        // First run (before the composer): facts 0.486 of facts. When these floors were set: answers with all facts
        // 0.86 overall (authors 0.0: "who wrote <title>" is the understanding layer's, issue 11), every other kind >= 0.625.
        if (overall.AnswersWithAllFacts < 0.84)
        {
            failures.Add($"answers with all facts {overall.AnswersWithAllFacts}");
        }
        foreach (var kind in new[] { "origin", "finding", "method", "figure", "compare" })
        {
            if (Kind(kind).AnswersWithAllFacts < 0.83)
            {
                failures.Add($"{kind}: answers with all facts {Kind(kind).AnswersWithAllFacts}");
            }
            if (Kind(kind).KindCompliance is { } c && c < 1.0)
            {
                failures.Add($"{kind}: kind compliance {c}");
            }
        }
        if (Kind("topic").KindCompliance < 1.0)
        {
            failures.Add($"topic: kind compliance {Kind("topic").KindCompliance}");
        }
        if (overall.DanglingOpeners != 0)
        {
            failures.Add($"{overall.DanglingOpeners} dangling openers: " + string.Join(" | ", report.Questions.Where(q => q.DanglingOpeners > 0).Select(q => q.Id)));
        }
        if (overall.MarkupLeaks != 0)
        {
            failures.Add($"{overall.MarkupLeaks} markup leaks: " + string.Join(" | ", report.Questions.Where(q => q.MarkupLeaks > 0).Select(q => q.Id)));
        }
        if (overall.Redundancy > 0.05)
        {
            failures.Add($"redundancy {overall.Redundancy}");
        }
        // 0.95 on the answers branch; 0.918 once merged with the metadata reader and the presentation model (to be
        // looked into: which answers lost support). The floor guards against falling further.
        if (overall.CitationSupport < 0.9)
        {
            failures.Add($"citation support {overall.CitationSupport}");
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
