using System.Text.RegularExpressions;
using PaperBot.Core.Text;

namespace PaperBot.Core.Answering;

/// <summary>
/// "Taking "Junqin He" as Junqing He.": the reader links a person's name written with one slip to the stored author
/// (<see cref="QuestionClassifier"/>, <see cref="Retrieval.StoredNameLinker"/>), and the answer says which name it took,
/// as it does for a paper's name (<see cref="ExtractiveAnswerer.PaperNameSlip"/>). Read off the question: a stored
/// author the question does not write as stored (in either order, but for case and accents) but does write one slip
/// away.
/// </summary>
public static class AuthorSlips
{
    /// <summary>The note for the intent's authors written with a slip, or null when each is written as stored.</summary>
    public static string? Note(string question, QuestionIntent intent)
    {
        IReadOnlyList<string> authors = intent switch
        {
            QuestionIntent.ByAuthor a => [a.Name],
            QuestionIntent.ByMetadata { Query.Author: { } first } m => [first, .. m.Query.CoAuthors],
            _ => [],
        };
        if (authors.Count == 0)
        {
            return null;
        }
        var written = WordPattern.Matches(question).Select(m => m.Value).ToList();
        var folded = written.Select(w => string.Concat(Tokenizer.Words(w))).ToList();
        var notes = new List<string>();
        foreach (var author in authors)
        {
            var stored = Tokenizer.Words(author);
            var n = stored.Count;
            var windows = Enumerable.Range(0, Math.Max(0, folded.Count - n + 1)).ToList();
            if (n == 0 || windows.Any(i => folded.Skip(i).Take(n).SequenceEqual(stored) || folded.Skip(i).Take(n).SequenceEqual(stored.Reverse())))
            {
                continue;
            }
            var at = windows.FirstOrDefault(i => EditDistance.AtMostOne(string.Concat(folded.Skip(i).Take(n)), string.Concat(stored)) <= 1, -1);
            if (at >= 0)
            {
                notes.Add($"Taking \"{string.Join(" ", written.Skip(at).Take(n))}\" as {author}.");
            }
        }
        return notes.Count == 0 ? null : string.Join(" ", notes);
    }

    // Words as the question writes them, split where the reader splits them ("Zhou's" is "Zhou" and "s").
    // Read once per question, so interpreted and built on first use (docs/contributing.md, "Regular expressions").
    private static Regex WordPattern => field ??= new(@"[\p{L}\p{N}]+");
}
