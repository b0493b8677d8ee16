namespace PaperBot.Core.Answering;

/// <summary>The answer service when no language model is configured.</summary>
public sealed class ExtractiveAnswerService(ExtractiveAnswerer answerer, PaperFocusedAnswerer focused) : IAnswerService
{
    // RespondAsync uses the embedding index too, when one is configured.
    public async Task<Answer> AnswerAsync(string question, CancellationToken cancellationToken = default) =>
        (await answerer.RespondAsync(question, cancellationToken)).Answer;

    public async Task<Answer> AnswerAsync(AnswerRequest request, CancellationToken cancellationToken = default)
    {
        var answer = request.EarlierPapers.Count > 0
            ? focused.Answer(request.Question, request.EarlierPapers)
            : (await answerer.RespondAsync(request.Question, cancellationToken)).Answer;
        foreach (var sentence in answer.Sentences)
        {
            request.OnSentence?.Invoke(sentence);
        }
        return answer;
    }
}
