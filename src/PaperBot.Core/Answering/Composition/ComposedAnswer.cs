namespace PaperBot.Core.Answering.Composition;

/// <summary>What the composer put together: the cited sentences, their sources, and a remark for the user (or null).</summary>
public sealed record ComposedAnswer(IReadOnlyList<AnswerSentence> Sentences, IReadOnlyList<Citation> Citations, string? Note);
