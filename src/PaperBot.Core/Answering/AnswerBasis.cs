namespace PaperBot.Core.Answering;

/// <summary>What an answer rests on, said to the user so nobody mistakes an abstract for the full paper.</summary>
public enum AnswerBasis
{
    /// <summary>Nothing: the bot abstained.</summary>
    None,
    Abstracts,
    Metadata,
    /// <summary>The listing's facts, and the paper's abstract for what else the question asked.</summary>
    MetadataAndAbstracts,
    /// <summary>The abstracts touch the question, but only the full papers (not in the corpus) could settle it.</summary>
    FullTextNeeded,
}
