namespace PaperBot.Core.Answering.Composition;

/// <summary>
/// One sentence of an abstract as the composer sees it: its position, its roles, and the text to show, which is the
/// sentence made to stand alone or, when it points back, joined to the sentence before it (null when neither works).
/// </summary>
public sealed record AbstractSentence(int Index, string Raw, SentenceRole Roles, string? Display)
{
    public bool Is(SentenceRole role) => (Roles & role) != 0;
}
