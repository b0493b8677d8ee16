using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Answering;
using PaperBot.Core.Storage;
using PaperBot.Host.Cli;

namespace PaperBot.Host.Evaluation;

/// <summary>
/// <c>paperbot eval FILE --ablations</c>: the same questions with one part of retrieval switched off at a time, each
/// on the same database through its own configuration, so every ranking's and rule's contribution is measured.
/// </summary>
public static class EvalAblations
{
    public static IReadOnlyList<(string Name, KeyValuePair<string, string?>[] Settings)> Variants { get; } =
    [
        ("as configured", []),
        ("without dense", [new("Retrieval:EmbeddingWeight", "0")]),
        ("dense, fixed weight", [new("Retrieval:EmbeddingLowCoverageBoost", "0")]),
        ("dense only", [new("Retrieval:KeywordWeight", "0"), new("Retrieval:CorpusVectorWeight", "0"), new("Retrieval:AcronymBridges", "false")]),
        ("without corpus vectors", [new("Retrieval:CorpusVectorWeight", "0")]),
        ("without acronym bridges", [new("Retrieval:AcronymBridges", "false")]),
        ("without lay-term bridges", [new("Retrieval:LayTermBridges", "false")]),
        ("lay terms not embedded", [new("Retrieval:EmbedLayTerms", "false")]),
        ("bridges not embedded", [new("Retrieval:EmbedBridges", "false")]),
        ("without keywords", [new("Retrieval:KeywordWeight", "0")]),
        ("no decisive-keyword gate", [new("Retrieval:DecisiveKeywordRatio", "0")]),
        ("topics weighted as others", [new("Retrieval:TopicCorpusVectorWeight", "0.3")]),
        ("bare nouns not names", [new("Answering:BareCountableSubjects", "false")]),
        ("familiar, any weight", [new("Answering:FamiliarMinMatchedWeight", "0")]),
        ("unfamiliar close, any weight", [new("Answering:UnfamiliarCloseMinMatchedWeight", "0")]),
        ("corpus-language rule on (0.20)", [new("Answering:CorpusLanguageMinMeanSimilarity", "0.20")]),
        ("halves do not vouch", [new("Answering:HalvesMaxRank", "0")]),
        ("likeness names decline", [new("Answering:LikenessNamesExempt", "false")]),
    ];

    public static async Task<IReadOnlyList<(string Name, EvalReport Report)>> RunAsync(IServiceProvider services, string file, IEnumerable<KeyValuePair<string, string?>> common)
    {
        var questions = EvalQuestionFile.Read(file);
        var database = services.GetRequiredService<SqliteConnectionFactory>().DatabasePath;
        var store = services.GetRequiredService<PaperStore>();
        var gold = GoldResolver.FromStore(store);
        var papers = store.CountPapers();
        var results = new List<(string, EvalReport)>();
        foreach (var (name, settings) in Variants)
        {
            await using var variant = CliServices.Build(database, verbose: false, common.Concat(settings));
            var system = new PaperBotSystem(variant.GetRequiredService<ExtractiveAnswerer>(), variant.GetRequiredService<SqliteConnectionFactory>());
            results.Add((name, await EvalRunner.RunAsync(system, questions, gold, file, papers)));
        }
        return results;
    }

    public static string Render(IReadOnlyList<(string Name, EvalReport Report)> results)
    {
        var sb = new StringBuilder();
        sb.AppendLine("ablation                  hit@1 hit@5 mismatch-hit@5 topic-R@5 abst-ok wrong-abst  p95ms");
        foreach (var (name, r) in results)
        {
            var topic = r.Kinds.FirstOrDefault(k => k.Kind == "topic");
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"{name,-25} {N(r.Overall.HitAt1)} {N(r.Overall.HitAt5)}          {N(r.VocabularyMismatch?.HitAt5)}     {N(topic?.RecallAt5)}   {N(r.Overall.CorrectAbstention)}      {N(r.Overall.WrongAbstention)} {r.Overall.LatencyP95Ms,6:0.0}");
        }
        return sb.ToString();
    }

    private static string N(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture)[..5] : "    -";
}
