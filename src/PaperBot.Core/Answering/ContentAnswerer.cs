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
        };
        if (found.Abstained)
        {
            return new ExtractiveResponse(Answering.Answer.NothingFound(question, found.PapersSearched), retrieval);
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
}
