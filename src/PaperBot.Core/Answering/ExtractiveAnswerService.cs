namespace PaperBot.Core.Answering;

/// <summary>The answer service when no language model is configured.</summary>
public sealed class ExtractiveAnswerService(ExtractiveAnswerer answerer) : IAnswerService
{
    public Task<Answer> AnswerAsync(string question, CancellationToken cancellationToken = default) =>
        Task.FromResult(answerer.Answer(question));
}
