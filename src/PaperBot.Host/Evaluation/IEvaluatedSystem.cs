namespace PaperBot.Host.Evaluation;

/// <summary>Something that ranks papers for a question (and may answer it), measured by the evaluation.</summary>
public interface IEvaluatedSystem
{
    string Name { get; }

    /// <summary>False for a ranking-only peer: it never abstains and writes no answer, so those figures are not reported for it.</summary>
    bool Answers { get; }

    Task<SystemResponse> RespondAsync(string question, CancellationToken cancellationToken = default);
}
