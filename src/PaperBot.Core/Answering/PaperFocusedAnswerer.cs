using PaperBot.Core.Papers;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Storage;
using PaperBot.Core.Text;

namespace PaperBot.Core.Answering;

/// <summary>
/// Extractive answers about papers already named in a conversation ("and the second one?", "does it use RL?"):
/// the abstract sentences of those papers that carry the most question weight, each cited.
/// </summary>
public sealed class PaperFocusedAnswerer(PaperSearcher searcher, PaperStore store)
{
    private const int MaxPapers = 3;

    public Answer Answer(string question, IReadOnlyList<Paper> papers)
    {
        var chosen = papers.Take(MaxPapers).ToList();
        var queryWords = Tokenizer.ContentWords(question).Where(w => !ReferenceWords.Contains(w)).ToList();
        var weights = searcher.Weights(queryWords);
        var queryStems = queryWords.Select(PorterStemmer.Stem).ToHashSet(StringComparer.Ordinal);
        var sentences = new List<AnswerSentence>();
        var citations = new List<Citation>();
        for (var i = 0; i < chosen.Count; i++)
        {
            var n = i + 1;
            var paper = chosen[i];
            citations.Add(ExtractiveAnswerer.CitationFor(paper, n));
            var take = i == 0 ? 2 : 1;
            var picked = queryWords.Count == 0
                ? SentenceSplitter.Split(paper.Abstract).Take(take).ToList()
                : ExtractiveAnswerer.BestSentences(paper.Abstract, queryWords, queryStems, weights, take);
            sentences.AddRange(picked.Select(s => new AnswerSentence(s, [n])));
        }
        return new Answer
        {
            Question = question,
            Sentences = sentences,
            Citations = citations,
            Basis = AnswerBasis.Abstracts,
            PapersSearched = store.CountPapers(),
        };
    }

    /// <summary>Words that point back into the conversation rather than say what the user wants to know.</summary>
    private static readonly HashSet<string> ReferenceWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "first", "second", "third", "fourth", "fifth", "last", "one", "ones", "paper", "papers", "work", "about",
        "tell", "more", "said", "mentioned", "previous", "earlier",
    };
}
