using System.Diagnostics;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using PaperBot.Host.Evaluation;
using PaperBot.Tests.Retrieval;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Answering;

/// <summary><c>paperbot eval --html</c>: a page people can open anywhere, parsed here as XML, that shows the run's figures.</summary>
public sealed class EvalHtmlReportTests(EvaluatedCorpus corpus) : IClassFixture<EvaluatedCorpus>
{
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public async Task The_report_is_well_formed_loads_nothing_and_shows_the_figures_beside_the_lucene_peer()
    {
        var run = await corpus.OwnEvaluationAsync();

        var html = EvalHtmlReport.Render(run, (0.4, 9.0));

        var page = Parse(html);
        AssertSelfContained(page, html);
        var (paperbot, lucene) = (run.Systems[0], run.Systems[1]);
        var bars = page.Descendants(Svg + "rect").Where(r => (string?)r.Attribute("class") == "bar").ToList();
        string? Bar(string system, string metric, string kind) => page.Descendants(Xhtml + "div")
            .Single(d => (string?)d.Attribute("id") == "kind-" + kind)
            .Descendants(Svg + "rect")
            .SingleOrDefault(r => (string?)r.Attribute("data-system") == system && (string?)r.Attribute("data-metric") == metric)?
            .Attribute("data-value")?.Value;
        foreach (var kind in paperbot.Kinds.Where(k => k.HitAt1 is not null))
        {
            Assert.Equal(F(kind.HitAt1), Bar("paperbot", "hit@1", kind.Kind));
            Assert.Equal(F(lucene.Kinds.Single(k => k.Kind == kind.Kind).HitAt1), Bar("lucene", "hit@1", kind.Kind));
        }
        // Answer quality beside the peer's lead-sentence answers, overall and per kind.
        Assert.Equal(F(paperbot.Overall.AnswersWithAllFacts), Bar("paperbot", "answers with all facts", "overall"));
        Assert.Equal(F(lucene.Overall.AnswersWithAllFacts), Bar("lucene", "answers with all facts", "overall"));
        Assert.Equal(F(paperbot.Overall.KindCompliance), Bar("paperbot", "kind compliance", "overall"));
        Assert.Equal(F(1 - paperbot.Overall.Redundancy), Bar("paperbot", "no redundancy", "overall"));
        Assert.Contains(bars, b => (string?)b.Attribute("data-system") == "lucene" && (string?)b.Attribute("data-metric") == "citation support");

        // The threshold grid: one cell per pair, the configured pair outlined, each cell's figures in its tooltip.
        var cells = page.Descendants(Svg + "rect").Where(r => (string?)r.Attribute("class") == "cell").ToList();
        Assert.Equal(paperbot.AbstentionSweep.Count, cells.Count);
        var configured = Assert.Single(cells, c => c.Attribute("data-configured") is not null);
        Assert.Equal("0.400", configured.Attribute("data-coverage")!.Value);
        Assert.Equal("9.000", configured.Attribute("data-weight")!.Value);
        var pair = paperbot.AbstentionSweep.Single(t => t.MinCoverage == 0.4 && t.MinMatchedWeight == 9);
        Assert.Contains($"correct {F(pair.CorrectAbstention)}, wrong {F(pair.WrongAbstention)}", configured.Value, StringComparison.Ordinal);
        Assert.NotEqual(cells[0].Attribute("fill")!.Value, cells.MaxBy(c => c.Value)!.Attribute("fill")!.Value);

        // Sample answers with their sources, for each kind.
        var samples = page.Descendants(Xhtml + "div").Where(d => ((string?)d.Attribute("class"))?.Contains("sample", StringComparison.Ordinal) == true).ToList();
        Assert.True(samples.Count >= paperbot.Kinds.Count, $"{samples.Count} samples");
        var answered = paperbot.Questions.First(q => q.Sources.Count > 0);
        var sample = samples.First(s => s.Value.Contains(answered.Question, StringComparison.Ordinal));
        Assert.Contains(answered.AnswerText!, sample.Value, StringComparison.Ordinal);
        Assert.All(answered.Sources, source => Assert.Contains(source, sample.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void Text_from_questions_and_papers_is_escaped_not_markup()
    {
        var hostile = "<script>alert(1)</script> & <img src=\"http://evil.example/x.png\"/>";
        var outcome = new QuestionOutcome { Id = "x1", Kind = "topic<b>", Question = hostile, AnswerText = hostile + " [1]", Sources = ["[1] abc — " + hostile] };
        var figures = new KindFigures { Kind = "topic<b>", Questions = 1, HitAt1 = 1, AnswersWithAllFacts = 0.5 };
        var report = new EvalReport { System = "paperbot", File = "q&a.jsonl", Kinds = [figures], Overall = figures with { Kind = "overall" }, Questions = [outcome] };

        var html = EvalHtmlReport.Render(new EvalRun([report]));

        var page = Parse(html);
        AssertSelfContained(page, html);
        Assert.Contains(hostile, page.Root!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_eval_command_writes_the_report_and_says_where()
    {
        using var db = new TempDatabase();
        var folder = Directory.CreateTempSubdirectory("paperbot-eval-html-").FullName;
        var questions = Path.Combine(folder, "questions.jsonl");
        // A few answerable questions and a few the corpus cannot answer, so the threshold grid has both.
        var lines = File.ReadAllLines(corpus.EvalFile);
        File.WriteAllLines(questions, lines.Take(4).Concat(lines.Where(l => l.Contains("\"kind\": \"abstain\"", StringComparison.Ordinal)).Take(2)));
        var output = Path.Combine(folder, "report.html");

        var (code, stdout, stderr) = await PaperbotAsync(db.Path, "eval", questions, "--peer", "lucene", "--html", output);
        var (missingCode, _, missingError) = await PaperbotAsync(db.Path, "eval", questions, "--html", Path.Combine(folder, "no-such-folder", "r.html"));

        Assert.True(code == 0, stderr);
        Assert.Contains("answer quality", stdout, StringComparison.Ordinal);
        Assert.Contains("Wrote the HTML report to " + output, stderr, StringComparison.Ordinal);
        var html = File.ReadAllText(output);
        AssertSelfContained(Parse(html), html);
        Assert.Contains("id=\"heatmap-paperbot\"", html, StringComparison.Ordinal);
        Assert.Equal(1, missingCode);
        Assert.Contains("does not exist", missingError, StringComparison.Ordinal);
    }

    private static XDocument Parse(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    /// <summary>Nothing that makes a browser fetch anything: no scripts, no links, no images, no external URLs in attributes or style.</summary>
    private static void AssertSelfContained(XDocument page, string html)
    {
        var names = page.Descendants().Select(e => e.Name.LocalName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var forbidden in new[] { "script", "link", "img", "iframe", "object", "embed", "image", "use", "foreignObject" })
        {
            Assert.DoesNotContain(forbidden, names);
        }
        var references = page.Descendants().Attributes()
            .Where(a => a.Name.LocalName is "src" or "href" or "action" or "srcset" || a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase) && a.Name.LocalName != "on")
            .ToList();
        Assert.Empty(references);
        var style = string.Concat(page.Descendants().Where(e => e.Name.LocalName == "style").Select(e => e.Value));
        Assert.DoesNotContain("url(", style, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", style, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
    }

    private static string F(double? value) => value!.Value.ToString("0.000", CultureInfo.InvariantCulture);

    // PaperBotProcess runs it without the local model: the report's shape is under test, not dense retrieval (embedding
    // the corpus in each child process took over two minutes on a loaded machine).
    private static Task<(int Code, string Stdout, string Stderr)> PaperbotAsync(string database, params string[] args) =>
        PaperBotProcess.RunAsync(RepositoryPaths.Root, null, [.. args, "--db", database]);
}
