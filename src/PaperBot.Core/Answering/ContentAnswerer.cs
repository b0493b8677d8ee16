using Microsoft.Extensions.Options;
using PaperBot.Core.Answering.Composition;
using PaperBot.Core.Retrieval;

namespace PaperBot.Core.Answering;

/// <summary>
/// Answers a content question from the abstracts of its evidence, in the shape the question asks for (one line per
/// paper, the named paper's results, a comparison, the method, the figure first; see <see cref="AnswerComposer"/>),
/// each sentence cited; "found nothing" when the evidence was declined or no sentence answers.
/// </summary>
public sealed class ContentAnswerer(PaperSearcher searcher, IOptions<AnsweringOptions> options)
{
    private readonly AnswerComposer _composer = new(searcher, options);

    public ExtractiveResponse Answer(string question, AnswerEvidence found)
    {
        var retrieval = new RetrievedPapers(question, found.Ranked, found.PapersSearched, found.Abstained)
        {
            BestSimilarity = found.BestSimilarity,
            SimilarityMargin = found.SimilarityMargin,
            AbstentionReason = found.Decision.Reason,
            Fusion = found.Fusion,
        };
        if (found.Abstained)
        {
            var declined = found.Decision.AbsentName is { } name
                ? AbsentNameAnswer(question, name, found)
                : Answering.Answer.NothingFound(question, found.PapersSearched);
            return new ExtractiveResponse(declined, retrieval);
        }
        var composed = _composer.Compose(question, ContentQuestionReader.Read(question), found.Papers.Select(h => h.Paper).ToList());
        if (composed is null)
        {
            return new ExtractiveResponse(Answering.Answer.NothingFound(question, found.PapersSearched), retrieval with { Abstained = true });
        }
        var answer = new Answer
        {
            Question = question,
            Sentences = composed.Sentences,
            Citations = composed.Citations,
            Basis = AnswerBasis.Abstracts,
            PapersSearched = found.PapersSearched,
        };
        return new ExtractiveResponse(answer, retrieval);
    }

    // As many leads as the "No paper titled X" answer gives.
    private const int ClosestShown = 3;

    /// <summary>
    /// "No paper in the N papers mentions X; the closest are …": the question is about a name no paper writes, so the
    /// answer says which name is missing, and offers the best-ranked papers as leads, not as an answer. When not even a
    /// passage is near (below <see cref="AnsweringOptions.EmbeddingSimilarityFloor"/>), it offers none.
    /// </summary>
    private Answer AbsentNameAnswer(string question, string name, AnswerEvidence found)
    {
        var near = found.BestSimilarity is not { } similarity || similarity >= options.Value.EmbeddingSimilarityFloor;
        var closest = near ? found.Ranked.Take(ClosestShown).Select(h => h.Paper).ToList() : [];
        var sentences = new List<AnswerSentence>
        {
            new(closest.Count == 0
                ? $"No paper in the {found.PapersSearched} papers mentions {name}, and none comes close."
                : $"No paper in the {found.PapersSearched} papers mentions {name}; the closest are:", []),
        };
        sentences.AddRange(closest.Select((p, i) => new AnswerSentence(p.Date is { } date ? $"{p.Title} ({date.ToDisplay()})" : p.Title, [i + 1])));
        return new Answer
        {
            Question = question,
            Sentences = sentences,
            Citations = Citation.Numbered(closest),
            Abstained = true,
            PapersSearched = found.PapersSearched,
        };
    }
}
