namespace PaperBot.Core.Presentation;

/// <summary>What a reader can do next with one paper; channels show each as a button.</summary>
public enum PaperActionKind
{
    /// <summary>Show the paper's abstract and facts.</summary>
    Abstract,
    /// <summary>Papers like this one.</summary>
    Similar,
    /// <summary>Start a follow-up whose focus is this paper ("it" now means it).</summary>
    AskAbout,
}
