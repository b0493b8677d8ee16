namespace PaperBot.Core.Answering.Composition;

/// <summary>What an ask wants the answer to hold.</summary>
[Flags]
public enum AskCue
{
    None = 0,
    Number = 1,
    Name = 2,
    LongForm = 4,
    Link = 8,
    /// <summary>"how does it work": the sentence saying how.</summary>
    Method = 16,
    /// <summary>"what did they see happen to exploration": the sentence saying what was found.</summary>
    Finding = 32,
    /// <summary>"whats the catch they admit": the sentence saying what it costs or cannot do.</summary>
    Limitation = 64,
}
