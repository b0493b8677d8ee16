namespace PaperBot.Core.Presentation;

/// <summary>A button on a reply: an action on one paper. <see cref="N"/> is its number in the reply, when it has one.</summary>
public sealed record PaperAction(PaperActionKind Kind, string PaperId, int? N)
{
    public string Label => Kind switch
    {
        PaperActionKind.Abstract => "Abstract",
        PaperActionKind.Similar => "Similar papers",
        PaperActionKind.AskAbout => "Ask about this paper",
        _ => Kind.ToString(),
    };
}
