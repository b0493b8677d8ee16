using System.Text.RegularExpressions;
using PaperBot.Core.Storage;
using PaperBot.Core.Text;

namespace PaperBot.Core.Answering;

/// <summary>
/// Recognises metadata questions. Names are found by looking up the question's two- to four-word runs (and,
/// after a cue word like "from", single words) among stored author and organisation names, so no list of
/// names is ever loaded into memory.
/// </summary>
public sealed partial class QuestionClassifier(PaperStore store)
{
    public QuestionIntent Classify(string question)
    {
        var dateOf = DateQuestion().Match(question);
        if (dateOf.Success)
        {
            return new QuestionIntent.DateOf(dateOf.Groups["what"].Value.Trim());
        }
        var words = Tokenizer.Words(question);
        var runs = Runs(words, 2, 4);
        var authors = store.KnownAuthorKeys(runs.Select(r => r.Text));
        // Longest runs first, so a longer name wins over a shorter one inside it.
        foreach (var run in runs)
        {
            if (authors.Contains(Ingest.IngestService.NameKey(run.Text)))
            {
                return new QuestionIntent.ByAuthor(DisplayNameOf(question, words, run.Start, run.Length));
            }
        }
        if (OrgCue().IsMatch(question))
        {
            var orgRuns = Runs(words, 1, 3).Where(r => r.Length > 1 || !Tokenizer.IsStopWord(r.Text)).ToList();
            var orgs = store.KnownOrgKeys(orgRuns.Select(r => r.Text));
            foreach (var run in orgRuns)
            {
                if (orgs.Contains(Ingest.IngestService.NameKey(run.Text)))
                {
                    return new QuestionIntent.ByOrg(DisplayNameOf(question, words, run.Start, run.Length));
                }
            }
        }
        return new QuestionIntent.Content();
    }

    private sealed record Run(string Text, int Start, int Length);

    private static List<Run> Runs(IReadOnlyList<string> words, int minLength, int maxLength)
    {
        var runs = new List<Run>();
        for (var length = maxLength; length >= minLength; length--)
        {
            for (var i = 0; i + length <= words.Count; i++)
            {
                runs.Add(new Run(string.Join(" ", words.Skip(i).Take(length)), i, length));
            }
        }
        return runs;
    }

    /// <summary>The words as the user wrote them, for echoing back ("Damai Dai", not "damai dai").</summary>
    private static string DisplayNameOf(string question, IReadOnlyList<string> words, int start, int length)
    {
        var original = Regex.Split(question, @"[^\p{L}\p{N}]+").Where(w => w.Length > 0).ToList();
        return original.Count == words.Count ? string.Join(" ", original.Skip(start).Take(length)) : string.Join(" ", words.Skip(start).Take(length));
    }

    [GeneratedRegex(@"^\s*(?:when|what date)\s+(?:was|is|did|were)\s+(?:the\s+)?(?:paper\s+)?(?<what>.+?)\s+(?:published|released|posted|listed|come out|came out|appear|announced)\s*\??\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex DateQuestion();

    [GeneratedRegex(@"\b(from|at|by|affiliat\w*|org\w*|lab|labs|company|institut\w*|universit\w*|team|group)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OrgCue();
}
