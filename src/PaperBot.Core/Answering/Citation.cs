namespace PaperBot.Core.Answering;

/// <summary>A numbered source of an answer: the paper behind every <c>[n]</c> marker.</summary>
public sealed record Citation(int N, string Id, string Title, string? Url, string? Date);
