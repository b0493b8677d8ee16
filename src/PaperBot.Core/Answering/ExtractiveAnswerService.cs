namespace PaperBot.Core.Answering;

/// <summary>The answer service when no language model is configured.</summary>
public sealed class ExtractiveAnswerService(ExtractiveAnswerer answerer) : IAnswerService
{
    public async Task<Answer> AnswerAsync(string question, CancellationToken cancellationToken = default) =>
        (await answerer.RespondAsync(question, cancellationToken)).Answer;
}
