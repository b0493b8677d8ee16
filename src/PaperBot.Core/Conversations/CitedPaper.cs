namespace PaperBot.Core.Conversations;

/// <summary>A paper an earlier answer cited, in its citation order, so "the second one" can be found again.</summary>
public sealed record CitedPaper(string Id, string Title);
