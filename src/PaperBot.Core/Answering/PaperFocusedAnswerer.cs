using Microsoft.Extensions.Options;
using PaperBot.Core.Answering.Composition;
using PaperBot.Core.Papers;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Storage;

namespace PaperBot.Core.Answering;

/// <summary>
/// Extractive answers about papers already named in a conversation ("and the second one?", "how did they fix it?",
/// "compare the first and the third"): the composer shapes the answer by the question's kind, over those papers only.
/// </summary>
public sealed partial class PaperFocusedAnswerer(PaperSearcher searcher, PaperStore store, IOptions<AnsweringOptions> options)
{
    private const int MaxPapers = 3;

    private readonly AnswerComposer _composer = new(searcher, options);

    public Answer Answer(string question, IReadOnlyList<Paper> papers)
    {
        var chosen = papers.Take(MaxPapers).ToList();
        // The resolver's standalone wording ends "(about "Title")"; the kind is read from what the user asked.
        var kind = ContentQuestionReader.Read(AboutSuffix().Replace(question, ""));
        if (kind.Kind == ContentKind.General && chosen.Count >= 2 && CompareWords().IsMatch(question))
        {
            kind = new ContentQuestion(ContentKind.Compare);
        }
        var composed = _composer.Compose(question, kind, chosen, focused: true);
        return new Answer
        {
            Question = question,
            Sentences = composed?.Sentences ?? [],
            Citations = composed?.Citations ?? [],
            Basis = AnswerBasis.Abstracts,
            PapersSearched = store.CountPapers(),
        };
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\s*\(about\s+.*\)\s*$", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex AboutSuffix();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:compare|contrast|differ\w*|versus|vs)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex CompareWords();
}
