namespace PaperBot.Core.Papers;

/// <summary>Where a paper was seen: a listing file (relative name) and the 1-based line its record starts on.</summary>
public sealed record PaperSource(string File, int Line);
