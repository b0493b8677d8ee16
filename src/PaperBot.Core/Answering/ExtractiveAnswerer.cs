using Microsoft.Extensions.Options;
using PaperBot.Core.Papers;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Storage;
using PaperBot.Core.Text;

namespace PaperBot.Core.Answering;

/// <summary>
/// Answers without a language model: the abstract sentences of the best papers that share the most (rare)
/// words with the question, each cited; metadata questions answered from the database; and a plain
/// "found nothing" when the best paper does not cover the question.
/// </summary>
public sealed class ExtractiveAnswerer(
    PaperSearcher searcher,
    PaperStore store,
    QuestionClassifier classifier,
    IOptions<AnsweringOptions> options)
{
    private const int MetadataListLimit = 25;

    public Answer Answer(string question)
    {
        var text = (question ?? "").Trim();
        if (FtsQuery.Build(text) is null)
        {
            return new Answer
            {
                Question = text,
                Sentences = [new AnswerSentence("Ask me about the papers, for example: which papers tackle continual relation extraction?", [])],
                Citations = [],
                Abstained = true,
                PapersSearched = store.CountPapers(),
            };
        }
        return classifier.Classify(text) switch
        {
            QuestionIntent.ByAuthor a => ListAnswer(text, $"with {a.Name} as an author", store.PaperIdsByAuthor(a.Name)),
            QuestionIntent.ByOrg o => ListAnswer(text, $"from {o.Name}", store.PaperIdsByOrg(o.Name)),
            QuestionIntent.DateOf d => DateAnswer(text, d.PaperDescription),
            _ => ContentAnswer(text),
        };
    }

    /// <summary>The papers an answer would draw on, best first, with the relevance check applied.</summary>
    public IReadOnlyList<SearchHit> Evidence(string question, out int papersSearched)
    {
        var result = searcher.Search(question, 10);
        papersSearched = result.PapersSearched;
        if (result.Hits.Count == 0 || result.Hits[0].Coverage < options.Value.MinCoverage)
        {
            return [];
        }
        var best = result.Hits[0].Score;
        return result.Hits
            .Where((h, i) => i == 0 || (h.Score >= best * options.Value.RelativeScoreCut && h.Coverage >= options.Value.MinCoverage))
            .Take(options.Value.MaxPapers)
            .ToList();
    }

    private Answer ContentAnswer(string question)
    {
        var evidence = Evidence(question, out var searched);
        if (evidence.Count == 0)
        {
            return NothingFound(question, searched);
        }
        var queryWords = Tokenizer.ContentWords(question);
        var weights = searcher.Weights(queryWords);
        var queryStems = queryWords.Select(PorterStemmer.Stem).ToHashSet(StringComparer.Ordinal);

        var sentences = new List<AnswerSentence>();
        var citations = new List<Citation>();
        for (var i = 0; i < evidence.Count; i++)
        {
            var n = i + 1;
            var paper = evidence[i].Paper;
            citations.Add(CitationFor(paper, n));
            var take = i == 0 ? 2 : 1;
            foreach (var sentence in BestSentences(paper.Abstract, queryWords, queryStems, weights, take))
            {
                sentences.Add(new AnswerSentence(sentence, [n]));
            }
        }
        return new Answer
        {
            Question = question,
            Sentences = sentences,
            Citations = citations,
            Basis = AnswerBasis.Abstracts,
            PapersSearched = searched,
        };
    }

    /// <summary>The sentences that carry the most question weight, in their order in the abstract.</summary>
    internal static IReadOnlyList<string> BestSentences(string abstractText, IReadOnlyList<string> queryWords, IReadOnlySet<string> queryStems, TermWeights weights, int take)
    {
        var sentences = SentenceSplitter.Split(abstractText);
        if (sentences.Count == 0)
        {
            return [];
        }
        var scored = sentences
            .Select((s, index) =>
            {
                var stems = TermWeights.StemsOf(s);
                var score = queryWords.Where(w => stems.Contains(PorterStemmer.Stem(w))).Sum(weights.Of);
                // Opening sentences usually say what the paper does; a small nudge keeps ties sensible.
                return (Sentence: s, Index: index, Score: score + (index == 0 ? 0.01 : 0) - (s.Length > 400 ? 0.5 : 0));
            })
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Index)
            .ToList();
        var chosen = scored.Where(x => x.Score > 0.05).Take(take).ToList();
        if (chosen.Count == 0)
        {
            chosen = [scored.OrderBy(x => x.Index).First()];
        }
        return chosen.OrderBy(x => x.Index).Select(x => x.Sentence).ToList();
    }

    private Answer ListAnswer(string question, string description, IReadOnlyList<string> ids)
    {
        var papers = store.GetMany(ids.Take(MetadataListLimit).ToList());
        var searched = store.CountPapers();
        if (papers.Count == 0)
        {
            return NothingFound(question, searched);
        }
        var citations = papers.Select((p, i) => CitationFor(p, i + 1)).ToList();
        var sentences = new List<AnswerSentence>
        {
            new(ids.Count == 1 ? $"I found 1 paper {description}:" : $"I found {ids.Count} papers {description}:", []),
        };
        sentences.AddRange(papers.Select((p, i) => new AnswerSentence(DescribeForList(p), [i + 1])));
        if (ids.Count > papers.Count)
        {
            sentences.Add(new AnswerSentence($"…and {ids.Count - papers.Count} more; search to narrow it down.", []));
        }
        return new Answer
        {
            Question = question,
            Sentences = sentences,
            Citations = citations,
            Basis = AnswerBasis.Metadata,
            PapersSearched = searched,
        };
    }

    private Answer DateAnswer(string question, string description)
    {
        var evidence = Evidence(description, out var searched);
        if (evidence.Count == 0)
        {
            return NothingFound(question, searched);
        }
        var paper = evidence[0].Paper;
        var sentence = paper.Date is { } date
            ? $"{paper.Title} is listed with the date {date.ToDisplay()}."
            : $"{paper.Title} is in the corpus, but none of its listings gives a date.";
        return new Answer
        {
            Question = question,
            Sentences = [new AnswerSentence(sentence, [1])],
            Citations = [CitationFor(paper, 1)],
            Basis = AnswerBasis.Metadata,
            PapersSearched = searched,
        };
    }

    private static string DescribeForList(Paper paper) =>
        paper.Date is { } date ? $"{paper.Title} ({date.ToDisplay()})" : paper.Title;

    public static Citation CitationFor(Paper paper, int n) =>
        new(n, paper.Id, paper.Title, paper.PrimaryLink, paper.Date?.ToDisplay());

    public static Answer NothingFound(string question, int papersSearched) => new()
    {
        Question = question,
        Sentences = [new AnswerSentence($"I found nothing about that in the {papersSearched} papers I searched.", [])],
        Citations = [],
        Abstained = true,
        PapersSearched = papersSearched,
    };
}
