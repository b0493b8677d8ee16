namespace PaperBot.Core.Answering;

/// <summary>Answers a question about the corpus. The extractive answerer is the default; an LLM-backed one may wrap it.</summary>
public interface IAnswerService
{
    Task<Answer> AnswerAsync(string question, CancellationToken cancellationToken = default);

    /// <summary>Answers with the papers a conversation refers to put first, reporting sentences as they are ready.</summary>
    Task<Answer> AnswerAsync(AnswerRequest request, CancellationToken cancellationToken = default);
}
