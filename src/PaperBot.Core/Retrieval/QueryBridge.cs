namespace PaperBot.Core.Retrieval;

/// <summary>
/// Another way to say part of a question: the question words it stands for and the words that say it
/// differently ("direct preference optimization" → "dpo"). A paper containing all of <see cref="Words"/>
/// covers <see cref="SourceWords"/> for the relevance check.
/// </summary>
public sealed record QueryBridge(IReadOnlyList<string> SourceWords, IReadOnlyList<string> Words, string Kind);
