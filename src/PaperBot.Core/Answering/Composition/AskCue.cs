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
}
