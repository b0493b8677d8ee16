namespace PaperBot.Core.Answering;

/// <summary>Answers a question about the corpus. The extractive answerer is the default; an LLM-backed one may wrap it.</summary>
public interface IAnswerService
{
    Task<Answer> AnswerAsync(string question, CancellationToken cancellationToken = default);
}
