namespace PaperBot.Core.Presentation;

/// <summary>A labelled fact about a paper ("Authors", "Damai Dai, Yutao Sun et al.").</summary>
public sealed record PaperFact(string Label, string Value);
