using System.Text.Json;
using System.Text.RegularExpressions;
using PaperBot.Core.Answering;
using PaperBot.Tests.Llm;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Answering;

/// <summary>
/// followups.jsonl: a scripted conversation (ordinals against the last list, "compare the first and the third",
/// pronouns, "how did they fix it?", "any newer work on that?" on an undated paper, references that must be asked back),
/// written before the follow-up rules were changed, played turn by turn through the conversation service without a model.
/// </summary>
public sealed partial class FollowUpScriptTests
{
    [Fact]
    public async Task The_follow_up_script_resolves_every_turn()
    {
        await using var host = LlmTestHost.Create(new Dictionary<string, string?>());
        var labels = new Dictionary<string, IReadOnlyList<Citation>>(StringComparer.Ordinal);
        var failures = new List<string>();
        var turn = 0;
        foreach (var line in File.ReadLines(Path.Combine(RepositoryPaths.Root, "tests", "PaperBot.Tests", "Answering", "followups.jsonl")).Where(l => l.Trim().Length > 0))
        {
            turn++;
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var say = root.GetProperty("say").GetString()!;
            var answer = await host.Conversations.AnswerAsync(say, "script:" + root.GetProperty("conversation").GetString());
            if (root.TryGetProperty("label", out var label))
            {
                labels[label.GetString()!] = answer.Citations;
            }
            foreach (var problem in Check(root.GetProperty("expect"), answer, labels, host))
            {
                failures.Add($"turn {turn} \"{say}\": {problem}\n    answer: {answer.Text}");
            }
        }
        Assert.True(turn >= 15, $"the script has {turn} turns");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static IEnumerable<string> Check(JsonElement expect, Answer answer, Dictionary<string, IReadOnlyList<Citation>> labels, LlmTestHost host)
    {
        var cited = answer.Citations.Select(c => c.Id).ToList();
        if (expect.TryGetProperty("min_cited", out var min) && cited.Count < min.GetInt32())
        {
            yield return $"cited {cited.Count} papers, expected at least {min.GetInt32()}";
        }
        if (expect.TryGetProperty("cited_title_contains", out var titled) && !answer.Citations.Any(c => c.Title.Contains(titled.GetString()!, StringComparison.OrdinalIgnoreCase)))
        {
            yield return $"no cited title contains \"{titled.GetString()}\"";
        }
        if (expect.TryGetProperty("cites", out var cites))
        {
            var wanted = cites.EnumerateArray().Select(r => Reference(r.GetString()!, labels)).ToList();
            if (wanted.Any(w => w is null))
            {
                yield return "the script refers to a paper an earlier answer did not cite";
            }
            else if (!wanted.Select(w => w!).ToHashSet().SetEquals(cited))
            {
                yield return $"cited [{string.Join(", ", cited)}], expected [{string.Join(", ", wanted)}]";
            }
        }
        if (expect.TryGetProperty("first_cited_title_contains", out var first)
            && (answer.Citations.Count == 0 || !answer.Citations[0].Title.Contains(first.GetString()!, StringComparison.OrdinalIgnoreCase)))
        {
            yield return $"first citation is not \"{first.GetString()}\"";
        }
        if (expect.TryGetProperty("text_contains_any", out var any) && !any.EnumerateArray().Any(t => answer.Text.Contains(t.GetString()!, StringComparison.OrdinalIgnoreCase)))
        {
            yield return $"text has none of {any}";
        }
        if (expect.TryGetProperty("authors_of_cited", out _))
        {
            var paper = answer.Citations.Count == 1 ? host.Store.Get(answer.Citations[0].Id) : null;
            if (paper is null || (paper.Authors.Count > 0 ? !paper.Authors.All(a => answer.Text.Contains(a, StringComparison.Ordinal)) : !answer.Text.Contains("author", StringComparison.OrdinalIgnoreCase)))
            {
                yield return "the answer does not give the cited paper's authors";
            }
        }
        if (expect.TryGetProperty("asks_back", out _) && (cited.Count > 0 || !answer.Text.TrimEnd().EndsWith('?') && !AskBack().IsMatch(answer.Text)))
        {
            yield return "expected a question back, got an answer";
        }
    }

    /// <summary>"A[2]": the second paper the turn labelled A cited.</summary>
    private static string? Reference(string reference, Dictionary<string, IReadOnlyList<Citation>> labels)
    {
        var m = Ref().Match(reference);
        return m.Success && labels.TryGetValue(m.Groups[1].Value, out var list) && int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) is var n && n <= list.Count
            ? list[n - 1].Id
            : null;
    }

    [GeneratedRegex(@"^(\w+)\[(\d+)\]$")]
    private static partial Regex Ref();

    [GeneratedRegex(@"\bwhich paper do you mean\?|\bdid you mean\b", RegexOptions.IgnoreCase)]
    private static partial Regex AskBack();
}
