namespace PaperBot.Core.Answering;

/// <summary>The answer service when no language model is configured.</summary>
public sealed class ExtractiveAnswerService(ExtractiveAnswerer answerer, PaperFocusedAnswerer focused) : IAnswerService
{
    public Task<Answer> AnswerAsync(string question, CancellationToken cancellationToken = default) =>
        Task.FromResult(answerer.Answer(question));

    public Task<Answer> AnswerAsync(AnswerRequest request, CancellationToken cancellationToken = default)
    {
        var answer = request.EarlierPapers.Count > 0
            ? focused.Answer(request.Question, request.EarlierPapers)
            : answerer.Answer(request.Question);
        foreach (var sentence in answer.Sentences)
        {
            request.OnSentence?.Invoke(sentence);
        }
        return Task.FromResult(answer);
    }
}
