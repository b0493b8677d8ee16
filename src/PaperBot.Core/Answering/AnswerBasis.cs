namespace PaperBot.Core.Answering;

/// <summary>What an answer rests on, said to the user so nobody mistakes an abstract for the full paper.</summary>
public enum AnswerBasis
{
    /// <summary>Nothing: the bot abstained.</summary>
    None,
    Abstracts,
    Metadata,
}
